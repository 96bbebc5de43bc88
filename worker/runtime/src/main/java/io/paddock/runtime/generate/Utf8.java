package io.paddock.runtime.generate;

/**
 * Strict UTF-8 (Unicode §3.9, Table 3-7: no overlongs, no surrogates, nothing above U+10FFFF)
 * and a deterministic lenient decoder that replaces each maximal invalid subpart with U+FFFD,
 * as the Unicode "substitution of maximal subparts" practice describes. Written out here so
 * the JVM and the browser build decode the same bytes to the same text.
 */
public final class Utf8 {
    public static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    /** Whether {@code b} is well-formed UTF-8. */
    public static boolean isValid(byte[] b) {
        return firstInvalidOffset(b) < 0;
    }

    /** The offset of the first byte of the first ill-formed sequence, or -1 when well formed. */
    public static int firstInvalidOffset(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int len = sequenceLength(b, i);
            if (len < 0) {
                return i;
            }
            i += len;
        }
        return -1;
    }

    /** The text of {@code b}, each maximal ill-formed subpart replaced by one U+FFFD. */
    public static String decode(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        int i = 0;
        while (i < b.length) {
            int len = sequenceLength(b, i);
            if (len > 0) {
                sb.appendCodePoint(codePoint(b, i, len));
                i += len;
            } else {
                sb.append(REPLACEMENT);
                i += -len;                               // skip the maximal subpart (at least 1 byte)
            }
        }
        return sb.toString();
    }

    /**
     * Length of the well-formed sequence starting at {@code i}, or minus the length of the
     * maximal subpart (the longest prefix of a well-formed sequence, at least 1) when ill-formed.
     */
    private static int sequenceLength(byte[] b, int i) {
        int b0 = b[i] & 0xFF;
        if (b0 < 0x80) {
            return 1;
        }
        int need;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 1;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 2;
            if (b0 == 0xE0) {
                lo = 0xA0;                               // no overlongs
            } else if (b0 == 0xED) {
                hi = 0x9F;                               // no surrogates
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 3;
            if (b0 == 0xF0) {
                lo = 0x90;                               // no overlongs
            } else if (b0 == 0xF4) {
                hi = 0x8F;                               // nothing above U+10FFFF
            }
        } else {
            return -1;                                   // 80..C1, F5..FF never start a sequence
        }
        for (int k = 1; k <= need; k++) {
            if (i + k >= b.length) {
                return -k;                               // truncated
            }
            int c = b[i + k] & 0xFF;
            int min = k == 1 ? lo : 0x80;
            int max = k == 1 ? hi : 0xBF;
            if (c < min || c > max) {
                return -k;
            }
        }
        return need + 1;
    }

    private static int codePoint(byte[] b, int i, int len) {
        int b0 = b[i] & 0xFF;
        switch (len) {
            case 1:
                return b0;
            case 2:
                return ((b0 & 0x1F) << 6) | (b[i + 1] & 0x3F);
            case 3:
                return ((b0 & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F);
            default:
                return ((b0 & 0x07) << 18) | ((b[i + 1] & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6)
                        | (b[i + 3] & 0x3F);
        }
    }
}
