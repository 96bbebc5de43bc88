package io.paddock.trainer.nn;

import io.paddock.runtime.math.PaddockMath;

/**
 * RoPE on adjacent pairs, with the runtime's table (C9: {@code freq_i = exp(-(2i/headDim)·log θ)},
 * {@code angle = pos·freq_i} in double, cos/sin rounded to float). Forward rotates by +angle,
 * backward (the transpose) by −angle.
 */
public final class Rope {
    private final int half;
    private final float[] cos;
    private final float[] sin;

    public Rope(int context, int headDim, float theta) {
        this.half = headDim / 2;
        this.cos = new float[context * half];
        this.sin = new float[context * half];
        double logTheta = PaddockMath.log((double) theta);
        for (int i = 0; i < half; i++) {
            double freq = PaddockMath.exp(-((2.0 * i) / headDim) * logTheta);
            for (int pos = 0; pos < context; pos++) {
                double angle = pos * freq;
                cos[pos * half + i] = (float) PaddockMath.cos(angle);
                sin[pos * half + i] = (float) PaddockMath.sin(angle);
            }
        }
    }

    /** Rotates every head of the row {@code v[off..off+heads·headDim]} for position {@code pos}. */
    public void forward(float[] v, int off, int heads, int pos) {
        rotate(v, off, heads, pos, 1f);
    }

    /** The gradient through {@link #forward}: rotates the row's gradient back. */
    public void backward(float[] dv, int off, int heads, int pos) {
        rotate(dv, off, heads, pos, -1f);
    }

    private void rotate(float[] v, int off, int heads, int pos, float sign) {
        int row = pos * half;
        int headDim = 2 * half;
        for (int h = 0; h < heads; h++) {
            int base = off + h * headDim;
            for (int i = 0; i < half; i++) {
                float c = cos[row + i];
                float s = sign * sin[row + i];
                float x = v[base + 2 * i];
                float y = v[base + 2 * i + 1];
                v[base + 2 * i] = x * c - y * s;
                v[base + 2 * i + 1] = x * s + y * c;
            }
        }
    }
}
