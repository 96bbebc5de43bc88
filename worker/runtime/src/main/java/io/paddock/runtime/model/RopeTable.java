package io.paddock.runtime.model;

import io.paddock.runtime.math.PaddockMath;

/**
 * RoPE rotations for every (position, pair) of a config, computed once (C9):
 * {@code freq_i = exp(-(2i / head_dim) · log(theta))}, {@code angle = pos · freq_i} in double
 * with Paddock's own functions, then {@code cos} and {@code sin} rounded to float.
 */
final class RopeTable {
    final int half;
    /** cos of (pos, i) at {@code pos * half + i}. */
    final float[] cos;
    /** sin of (pos, i) at {@code pos * half + i}. */
    final float[] sin;

    RopeTable(int maxContext, int headDim, float theta) {
        this.half = headDim / 2;
        this.cos = new float[maxContext * half];
        this.sin = new float[maxContext * half];
        double logTheta = PaddockMath.log((double) theta);
        for (int i = 0; i < half; i++) {
            double freq = PaddockMath.exp(-((2.0 * i) / headDim) * logTheta);
            for (int pos = 0; pos < maxContext; pos++) {
                double angle = pos * freq;
                cos[pos * half + i] = (float) PaddockMath.cos(angle);
                sin[pos * half + i] = (float) PaddockMath.sin(angle);
            }
        }
    }
}
