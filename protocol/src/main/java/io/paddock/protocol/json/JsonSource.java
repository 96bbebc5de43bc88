package io.paddock.protocol.json;

import io.paddock.protocol.error.ErrorCode;

/**
 * Where parsed JSON text comes from, for error messages: a label (file name), the error
 * code to report, the line number of the text's first line, and the text's offset in a
 * larger document (for one line of a JSONL file). Parse errors read {@code label:line:column: rule}.
 */
public record JsonSource(String label, ErrorCode code, int firstLine, long baseOffset) {
    public JsonSource {
        if (label == null || code == null) {
            throw new IllegalArgumentException("label and code are required");
        }
        if (firstLine < 1 || baseOffset < 0) {
            throw new IllegalArgumentException("firstLine must be ≥ 1 and baseOffset ≥ 0, got "
                    + firstLine + ", " + baseOffset);
        }
    }

    /** A whole document named {@code label}, errors as {@link ErrorCode#INVALID_SUITE}. */
    public static JsonSource of(String label) {
        return new JsonSource(label, ErrorCode.INVALID_SUITE, 1, 0);
    }

    /** A whole document named {@code label}, errors as {@code code}. */
    public static JsonSource of(String label, ErrorCode code) {
        return new JsonSource(label, code, 1, 0);
    }
}
