package io.paddock.runtime.eval;

/**
 * Normalized edit similarity over Unicode code points:
 * {@code 1 − Levenshtein(a, b) / max(len(a), len(b))}, and 1 when both are empty. The
 * distance is computed in {@code int}; the result is one {@code float} division, so every
 * platform gets the same bits.
 */
public final class EditSimilarity {
    private EditSimilarity() {
    }

    public static float of(String a, String b) {
        int[] x = codePoints(a);
        int[] y = codePoints(b);
        int longest = Math.max(x.length, y.length);
        if (longest == 0) {
            return 1f;
        }
        int distance = levenshtein(x, y);
        return 1f - (float) distance / (float) longest;
    }

    /** The code points of {@code s} (a lone surrogate counts as one, as Java's own iteration does). */
    static int[] codePoints(String s) {
        int[] out = new int[s.codePointCount(0, s.length())];
        int n = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            out[n++] = cp;
            i += Character.charCount(cp);
        }
        return out;
    }

    /** Unit-cost insert, delete and substitute, two rows of {@code int}. */
    public static int levenshtein(int[] x, int[] y) {
        if (x.length < y.length) {
            int[] t = x;
            x = y;
            y = t;
        }
        int[] prev = new int[y.length + 1];
        int[] cur = new int[y.length + 1];
        for (int j = 0; j <= y.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            cur[0] = i;
            int xi = x[i - 1];
            for (int j = 1; j <= y.length; j++) {
                int substitute = prev[j - 1] + (xi == y[j - 1] ? 0 : 1);
                int delete = prev[j] + 1;
                int insert = cur[j - 1] + 1;
                cur[j] = Math.min(substitute, Math.min(delete, insert));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[y.length];
    }
}
