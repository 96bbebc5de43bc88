package io.paddock.protocol.json;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;

/**
 * A JSON number, kept as its literal text (so nothing is lost or rounded until a caller asks
 * for a Java type). Equality is literal equality: {@code 1} and {@code 1.0} differ.
 * The {@code to…} accessors check ranges and throw {@link FormatException} with
 * {@link ErrorCode#INVALID_SUITE} and the literal; {@link ObjectReader} adds the field path.
 */
public record JsonNumber(String literal) implements JsonValue {
    static final String INT_RULE = "must be an integer in -2147483648..2147483647";
    static final String LONG_RULE = "must be an integer in -9223372036854775808..9223372036854775807";
    static final String UNSIGNED_RULE = "must be an integer in 0..18446744073709551615";
    static final String FLOAT_RULE = "must be a number within float range";
    static final String DOUBLE_RULE = "must be a number within double range";

    /** @throws IllegalArgumentException unless {@code literal} matches the RFC 8259 number grammar */
    public JsonNumber {
        if (literal == null || !isValidLiteral(literal)) {
            throw new IllegalArgumentException("not a JSON number literal: " + literal);
        }
    }

    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value));
    }

    /** {@code value} read as unsigned 64-bit (e.g. a seed). */
    public static JsonNumber ofUnsigned(long value) {
        return new JsonNumber(Long.toUnsignedString(value));
    }

    /** Written with {@link Double#toString(double)}, which parses back to the same double. */
    public static JsonNumber of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("non-finite number cannot be written as JSON: " + value);
        }
        return new JsonNumber(Double.toString(value));
    }

    /** Written with {@link Float#toString(float)}, which parses back to the same float. */
    public static JsonNumber of(float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("non-finite number cannot be written as JSON: " + value);
        }
        return new JsonNumber(Float.toString(value));
    }

    @Override
    public String typeName() {
        return "number";
    }

    /** Whether the literal has neither a fraction nor an exponent. */
    public boolean isIntegral() {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                return false;
            }
        }
        return true;
    }

    public int toInt() {
        long v = parseLong(INT_RULE);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error(INT_RULE);
        }
        return (int) v;
    }

    public long toLong() {
        return parseLong(LONG_RULE);
    }

    /** The value as an unsigned 64-bit integer (0..2^64-1), returned in a {@code long}'s bits. */
    public long toUnsignedLong() {
        if (!isIntegral() || literal.charAt(0) == '-') {
            throw error(UNSIGNED_RULE);
        }
        try {
            return parseUnsigned(literal);
        } catch (NumberFormatException e) {
            throw error(UNSIGNED_RULE);
        }
    }

    /**
     * {@code Long.parseUnsignedLong} for a literal of decimal digits, written out because TeaVM's
     * class library (the browser worker) lacks it.
     */
    private static long parseUnsigned(String digits) {
        if (digits.length() <= 18) {
            return Long.parseLong(digits);
        }
        long head = Long.parseLong(digits.substring(0, digits.length() - 1));
        int last = digits.charAt(digits.length() - 1) - '0';
        long maxHead = 1844674407370955161L; // (2^64 - 1) / 10
        if (head < 0 || head > maxHead || (head == maxHead && last > 5)) {
            throw new NumberFormatException("above 2^64 - 1: " + digits);
        }
        return head * 10 + last;
    }

    /** The nearest float; an overflow to infinity or an underflow of a nonzero literal to 0 is an error. */
    public float toFloat() {
        float v = Float.parseFloat(literal);
        if (Float.isInfinite(v) || (v == 0f && hasNonZeroDigit())) {
            throw error(FLOAT_RULE);
        }
        return v;
    }

    /** The nearest double; an overflow to infinity or an underflow of a nonzero literal to 0 is an error. */
    public double toDouble() {
        double v = Double.parseDouble(literal);
        if (Double.isInfinite(v) || (v == 0d && hasNonZeroDigit())) {
            throw error(DOUBLE_RULE);
        }
        return v;
    }

    /** Whether {@code s} matches {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    public static boolean isValidLiteral(String s) {
        return scan(s, 0) == s.length();
    }

    /**
     * Scans a number starting at {@code start}; returns the index just past it, or
     * {@code -(i + 1)} where {@code i} is the index of the first character that breaks the grammar.
     */
    static int scan(CharSequence s, int start) {
        int n = s.length();
        int i = start;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i >= n || !isDigit(s.charAt(i))) {
            return -(i + 1);
        }
        if (s.charAt(i) == '0') {
            i++;
            if (i < n && isDigit(s.charAt(i))) {
                return -(i + 1);
            }
        } else {
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            if (i >= n || !isDigit(s.charAt(i))) {
                return -(i + 1);
            }
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            if (i >= n || !isDigit(s.charAt(i))) {
                return -(i + 1);
            }
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        }
        return i;
    }

    private long parseLong(String rule) {
        if (!isIntegral()) {
            throw error(rule);
        }
        try {
            return Long.parseLong(literal);
        } catch (NumberFormatException e) {
            throw error(rule);
        }
    }

    private boolean hasNonZeroDigit() {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private FormatException error(String rule) {
        String shown = literal.length() > 40 ? literal.substring(0, 40) + "…" : literal;
        return new FormatException(ErrorCode.INVALID_SUITE, "number " + rule, shown);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
