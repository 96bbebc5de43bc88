package io.paddock.protocol.json;

import java.util.Map;

/**
 * Writes compact JSON: no whitespace, object members in their order, numbers as their
 * literal. In strings, the quote, the backslash and control characters are escaped (the
 * short forms where JSON has them, else a lowercase six-character unicode escape), and so
 * are U+2028/U+2029 so the text is also safe inside JavaScript; everything else is written
 * as is. The same value always gives the same text.
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {
    }

    public static String write(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    public static void write(JsonValue value, StringBuilder out) {
        if (value instanceof JsonObject o) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                appendQuoted(e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof JsonArray a) {
            out.append('[');
            for (int i = 0; i < a.items().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(a.items().get(i), out);
            }
            out.append(']');
        } else if (value instanceof JsonString s) {
            appendQuoted(s.value(), out);
        } else if (value instanceof JsonNumber n) {
            out.append(n.literal());
        } else if (value instanceof JsonBool b) {
            out.append(b.value() ? "true" : "false");
        } else if (value instanceof JsonNull) {
            out.append("null");
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value);
        }
    }

    /** {@code s} as a quoted, escaped JSON string. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        appendQuoted(s, out);
        return out.toString();
    }

    static void appendQuoted(String s, StringBuilder out) {
        out.append('"');
        appendEscaped(s, out);
        out.append('"');
    }

    /** Appends {@code s} escaped as the inside of a JSON string; unpaired surrogates become unicode escapes. */
    static void appendEscaped(String s, StringBuilder out) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || isUnpairedSurrogate(s, i)) {
                        appendUnicodeEscape(c, out);
                    } else {
                        out.append(c);
                    }
            }
        }
    }

    /** {@code U+XXXX} for a char, for error messages. */
    static String codePointLabel(char c) {
        return "U+" + Character.toUpperCase(HEX[(c >>> 12) & 0xF]) + Character.toUpperCase(HEX[(c >>> 8) & 0xF])
                + Character.toUpperCase(HEX[(c >>> 4) & 0xF]) + Character.toUpperCase(HEX[c & 0xF]);
    }

    private static void appendUnicodeEscape(char c, StringBuilder out) {
        out.append("\\u").append(HEX[(c >>> 12) & 0xF]).append(HEX[(c >>> 8) & 0xF])
                .append(HEX[(c >>> 4) & 0xF]).append(HEX[c & 0xF]);
    }

    private static boolean isUnpairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
