package io.paddock.trainer.nn;

import io.paddock.runtime.math.PaddockMath;

/**
 * Causal multi-head attention over one sequence of {@code t} rows starting at row {@code s0} of
 * the q, k, v matrices (rows of width {@code heads·headDim}): {@code score = q·k / sqrt(headDim)},
 * softmax over positions 0..i, {@code out = Σ a_p v_p}. The probabilities are kept (at
 * {@code att[attOff + (h·t + i)·t + p]}) for the backward pass.
 */
public final class Attention {
    private Attention() {
    }

    public static void forward(float[] q, float[] k, float[] v, int s0, int t, int heads, int headDim,
                               float[] att, int attOff, float[] out) {
        int dim = heads * headDim;
        float scale = (float) Math.sqrt(headDim);
        for (int h = 0; h < heads; h++) {
            int ho = h * headDim;
            for (int i = 0; i < t; i++) {
                int qOff = (s0 + i) * dim + ho;
                int a = attOff + (h * t + i) * t;
                float max = Float.NEGATIVE_INFINITY;
                for (int p = 0; p <= i; p++) {
                    int kOff = (s0 + p) * dim + ho;
                    float dot = 0f;
                    for (int d = 0; d < headDim; d++) {
                        dot += q[qOff + d] * k[kOff + d];
                    }
                    float score = dot / scale;
                    att[a + p] = score;
                    if (score > max) {
                        max = score;
                    }
                }
                double sum = 0;
                for (int p = 0; p <= i; p++) {
                    float e = PaddockMath.exp(att[a + p] - max);
                    att[a + p] = e;
                    sum += e;
                }
                float inv = (float) (1.0 / sum);
                for (int p = 0; p <= i; p++) {
                    att[a + p] *= inv;
                }
                int oOff = (s0 + i) * dim + ho;
                for (int d = 0; d < headDim; d++) {
                    out[oOff + d] = 0f;
                }
                for (int p = 0; p <= i; p++) {
                    float w = att[a + p];
                    int vOff = (s0 + p) * dim + ho;
                    for (int d = 0; d < headDim; d++) {
                        out[oOff + d] += w * v[vOff + d];
                    }
                }
            }
        }
    }

    /**
     * Adds the gradients of q, k and v given the output gradient {@code dout}; {@code scratch}
     * holds at least {@code t} floats.
     */
    public static void backward(float[] q, float[] k, float[] v, int s0, int t, int heads, int headDim,
                                float[] att, int attOff, float[] dout, float[] dq, float[] dk, float[] dv,
                                float[] scratch) {
        int dim = heads * headDim;
        float scale = (float) Math.sqrt(headDim);
        for (int h = 0; h < heads; h++) {
            int ho = h * headDim;
            for (int i = 0; i < t; i++) {
                int oOff = (s0 + i) * dim + ho;
                int a = attOff + (h * t + i) * t;
                double weighted = 0;
                for (int p = 0; p <= i; p++) {
                    int vOff = (s0 + p) * dim + ho;
                    float w = att[a + p];
                    float da = 0f;
                    for (int d = 0; d < headDim; d++) {
                        float g = dout[oOff + d];
                        da += g * v[vOff + d];
                        dv[vOff + d] += w * g;
                    }
                    scratch[p] = da;
                    weighted += w * da;
                }
                float mean = (float) weighted;
                int qOff = (s0 + i) * dim + ho;
                for (int p = 0; p <= i; p++) {
                    float ds = att[a + p] * (scratch[p] - mean) / scale;
                    if (ds == 0f) {
                        continue;
                    }
                    int kOff = (s0 + p) * dim + ho;
                    for (int d = 0; d < headDim; d++) {
                        dq[qOff + d] += ds * k[kOff + d];
                        dk[kOff + d] += ds * q[qOff + d];
                    }
                }
            }
        }
    }
}
