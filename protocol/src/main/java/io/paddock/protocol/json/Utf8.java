package io.paddock.protocol.json;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 (Unicode table 3-7): no overlong forms, no encoded surrogates, nothing above
 * U+10FFFF, no truncated sequences. Errors name the line and byte offset of the bad byte.
 */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * Decodes {@code data}; an error reads {@code label:line: invalid UTF-8 (reason)} with the
     * byte offset of the offending sequence and its bytes in hex.
     */
    public static String decode(byte[] data, String label, ErrorCode code) {
        char[] out = new char[data.length];
        int n = 0;
        int i = 0;
        while (i < data.length) {
            int b0 = data[i] & 0xFF;
            if (b0 < 0x80) {
                out[n++] = (char) b0;
                i++;
                continue;
            }
            int len;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                len = 2;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                len = 3;
                if (b0 == 0xE0) {
                    min2 = 0xA0;
                } else if (b0 == 0xED) {
                    max2 = 0x9F;
                }
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                len = 4;
                if (b0 == 0xF0) {
                    min2 = 0x90;
                } else if (b0 == 0xF4) {
                    max2 = 0x8F;
                }
            } else if (b0 >= 0x80 && b0 <= 0xBF) {
                throw error(data, i, 1, "continuation byte without a lead byte", label, code);
            } else if (b0 == 0xC0 || b0 == 0xC1) {
                throw error(data, i, 2, "overlong encoding", label, code);
            } else {
                throw error(data, i, 1, "byte 0xF5..0xFF never appears in UTF-8", label, code);
            }
            if (i + len > data.length) {
                throw error(data, i, len, "sequence truncated by the end of input", label, code);
            }
            int b1 = data[i + 1] & 0xFF;
            if (b1 < min2 || b1 > max2) {
                String reason = (b1 & 0xC0) != 0x80 ? "expected a continuation byte"
                        : b0 == 0xED ? "encoded surrogate"
                        : b0 == 0xF4 ? "code point above U+10FFFF"
                        : "overlong encoding";
                throw error(data, i, len, reason, label, code);
            }
            int cp = len == 2 ? b0 & 0x1F : len == 3 ? b0 & 0x0F : b0 & 0x07;
            cp = cp << 6 | (b1 & 0x3F);
            for (int k = 2; k < len; k++) {
                int bk = data[i + k] & 0xFF;
                if ((bk & 0xC0) != 0x80) {
                    throw error(data, i, len, "expected a continuation byte", label, code);
                }
                cp = cp << 6 | (bk & 0x3F);
            }
            if (cp >= 0x10000) {
                out[n++] = (char) (0xD800 + ((cp - 0x10000) >>> 10));
                out[n++] = (char) (0xDC00 + (cp & 0x3FF));
            } else {
                out[n++] = (char) cp;
            }
            i += len;
        }
        return new String(out, 0, n);
    }

    /** UTF-8 bytes of {@code s}; an unpaired surrogate is an {@link IllegalArgumentException}. */
    public static byte[] encode(String s) {
        int bad = JsonString.firstUnpairedSurrogate(s);
        if (bad >= 0) {
            throw new IllegalArgumentException("unpaired surrogate at index " + bad + " cannot be encoded as UTF-8");
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Number of UTF-8 bytes {@code s} encodes to (an unpaired surrogate counts 3, as an encoder's replacement would). */
    public static long encodedLength(CharSequence s) {
        long total = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                total += 1;
            } else if (c < 0x800) {
                total += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                total += 4;
                i++;
            } else {
                total += 3;
            }
        }
        return total;
    }

    private static FormatException error(byte[] data, int at, int len, String reason, String label, ErrorCode code) {
        int line = 1;
        for (int k = 0; k < at; k++) {
            if (data[k] == '\n') {
                line++;
            }
        }
        StringBuilder bytes = new StringBuilder();
        for (int k = at; k < Math.min(data.length, at + len); k++) {
            if (bytes.length() > 0) {
                bytes.append(' ');
            }
            bytes.append("0x").append(Character.forDigit((data[k] >>> 4) & 0xF, 16))
                    .append(Character.forDigit(data[k] & 0xF, 16));
        }
        return new FormatException(code, label + ":" + line + ": invalid UTF-8 (" + reason + ")", at, bytes);
    }
}
