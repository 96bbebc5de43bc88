package io.paddock.protocol.adapter;

/**
 * C4 re-quantization of the rows (q8_0) and blocks (q4_0) an adapter touched. Mirrors the
 * whole-tensor quantizer of the slm package (same formulas), kept here so the adapter code
 * depends only on shared types; the two can be merged into one function.
 * q8_0 row: {@code scale = amax / 127f} (1f if amax is 0), {@code q = clamp(rint(w / scale), -127, 127)}.
 * q4_0 block: {@code scale = amax / 7f} (1f if 0), {@code q = clamp(rint(w / scale), -8, 7)},
 * two's-complement nibbles, low nibble first. Division in float; rint rounds half to even
 * (by {@link #roundClamp}, not {@code Math.rint}, which TeaVM implements as half away from zero).
 */
final class Requantize {
    private Requantize() {
    }

    /** Quantizes {@code w[from..from+n)} into {@code quants[to..to+n)}; returns the row scale. */
    static float q8Row(float[] w, int from, int n, byte[] quants, int to) {
        float scale = scale(w, from, n, 127f);
        for (int i = 0; i < n; i++) {
            quants[to + i] = (byte) roundClamp(w[from + i] / scale, -127, 127);
        }
        return scale;
    }

    /**
     * Quantizes {@code w[from..from+n)} into the nibbles of elements {@code first..first+n)}
     * of {@code packed} (element i in byte i/2, low nibble for even i); returns the block scale.
     */
    static float q4Block(float[] w, int from, int n, byte[] packed, int first) {
        float scale = scale(w, from, n, 7f);
        for (int i = 0; i < n; i++) {
            setNibble(packed, first + i, roundClamp(w[from + i] / scale, -8, 7));
        }
        return scale;
    }

    /** The signed nibble of element {@code i} (sign-extended two's complement). */
    static int nibble(byte[] packed, int i) {
        int b = packed[i >> 1];
        return (i & 1) == 0 ? ((byte) (b << 4)) >> 4 : ((byte) b) >> 4;
    }

    static void setNibble(byte[] packed, int i, int q) {
        int b = packed[i >> 1];
        int v = q & 0x0F;
        packed[i >> 1] = (byte) ((i & 1) == 0 ? (b & 0xF0) | v : (b & 0x0F) | (v << 4));
    }

    private static float scale(float[] w, int from, int n, float levels) {
        float amax = 0f;
        for (int i = 0; i < n; i++) {
            amax = Math.max(amax, Math.abs(w[from + i]));
        }
        return amax == 0f ? 1f : amax / levels;
    }

    /**
     * {@code clamp(rint(x), lo, hi)} with rint rounding half to even, in plain float/int
     * arithmetic: TeaVM's {@code Math.rint} rounds half away from zero, so it is not used.
     * Exact: inside (lo, hi) the fraction {@code x - trunc(x)} is representable.
     */
    static int roundClamp(float x, int lo, int hi) {
        if (x <= lo) {
            return lo;
        }
        if (x >= hi) {
            return hi;
        }
        int t = (int) x;
        float frac = x - t;
        if (frac > 0.5f || (frac == 0.5f && (t & 1) != 0)) {
            return t + 1;
        }
        if (frac < -0.5f || (frac == -0.5f && (t & 1) != 0)) {
            return t - 1;
        }
        return t;
    }
}
