package io.paddock.protocol.error;

/**
 * The one typed error every Paddock parser and validator throws for bad input.
 * It names the error code, the rule that failed, where (byte offset, or -1 when the
 * input is not a byte stream or the position does not apply) and the bad value.
 */
public final class FormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String rule;
    private final long offset;
    private final String badValue;

    public FormatException(ErrorCode code, String rule, long offset, Object badValue) {
        super(format(code, rule, offset, badValue));
        this.code = code;
        this.rule = rule;
        this.offset = offset;
        this.badValue = String.valueOf(badValue);
    }

    /** An error with no byte position (a value, a line of a text file, a runtime setting). */
    public FormatException(ErrorCode code, String rule, Object badValue) {
        this(code, rule, -1, badValue);
    }

    private static String format(ErrorCode code, String rule, long offset, Object badValue) {
        String where = offset >= 0 ? " at offset " + offset : "";
        return code.publishedName() + " (" + code.code() + "): " + rule + where + ": got " + badValue;
    }

    public ErrorCode code() {
        return code;
    }

    public String rule() {
        return rule;
    }

    public long offset() {
        return offset;
    }

    public String badValue() {
        return badValue;
    }
}
