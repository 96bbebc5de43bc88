package io.paddock.protocol.adapter;

import io.paddock.protocol.slm.Quantizer;

/**
 * C4 re-quantization of the rows (q8_0) and blocks (q4_0) an adapter touched: the same
 * functions as the whole-tensor quantizer ({@link Quantizer}), plus nibble access.
 */
final class Requantize {
    private Requantize() {
    }

    /** Quantizes {@code w[from..from+n)} into {@code quants[to..to+n)}; returns the row scale. */
    static float q8Row(float[] w, int from, int n, byte[] quants, int to) {
        return Quantizer.quantizeQ8Row(w, from, n, quants, to);
    }

    /**
     * Quantizes {@code w[from..from+n)} into the nibbles of elements {@code first..first+n)}
     * of {@code packed} (element i in byte i/2, low nibble for even i); returns the block scale.
     */
    static float q4Block(float[] w, int from, int n, byte[] packed, int first) {
        return Quantizer.quantizeQ4Block(w, from, n, packed, first);
    }

    /** The signed nibble of element {@code i} (sign-extended two's complement). */
    static int nibble(byte[] packed, int i) {
        int b = packed[i >> 1];
        return (i & 1) == 0 ? ((byte) (b << 4)) >> 4 : ((byte) b) >> 4;
    }

    /** {@code clamp(rint(x), lo, hi)}, rint half to even without {@code Math.rint} (TeaVM rounds half away). */
    static int roundClamp(float x, int lo, int hi) {
        return Quantizer.clampRint(x, lo, hi);
    }
}
