package io.paddock.protocol.json;

/**
 * The escape alphabet of strict JSON strings (RFC 8259 §7), shared by the tree parser and the wire
 * format's direct frame decoder so both accept exactly the same strings.
 */
public final class JsonEscapes {
    private JsonEscapes() {
    }

    /**
     * The character a one-letter escape {@code \e} stands for ({@code " \ / b f n r t}), or -1 if
     * {@code e} is not one ({@code u} included: its four hex digits are read by the caller).
     */
    public static int simple(char e) {
        switch (e) {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case '/':
                return '/';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            default:
                return -1;
        }
    }

    /** An ASCII hex digit's value, or -1 (no other digits count). */
    public static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
