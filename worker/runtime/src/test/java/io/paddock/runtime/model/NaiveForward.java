package io.paddock.runtime.model;

import io.paddock.protocol.slm.ModelHeader;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.TensorData;
import io.paddock.protocol.slm.TensorNames;
import io.paddock.runtime.math.PaddockMath;

/**
 * An independent, naive, obviously-correct forward pass for tests: plain loops over the
 * SlmModel's tensors by name, fresh arrays everywhere, its own nibble decoding and its own
 * 8-stripe sums, RoPE angles computed on the spot. Same C9 order, so its logits must equal the
 * runtime's bit for bit.
 */
public final class NaiveForward {
    private final SlmModel slm;
    private final ModelHeader h;
    private final float[][] keys;     // [layer][pos * kvDim + i]
    private final float[][] values;

    public NaiveForward(SlmModel slm) {
        this.slm = slm;
        this.h = slm.header();
        int kvDim = h.kvHeadCount() * h.headDim();
        this.keys = new float[h.layerCount()][h.maxContext() * kvDim];
        this.values = new float[h.layerCount()][h.maxContext() * kvDim];
    }

    /** Feeds token at pos (0, 1, 2, … in order) and returns fresh logits. */
    public float[] step(int token, int pos) {
        int dim = h.hiddenSize();
        int hd = h.headDim();
        int kvDim = h.kvHeadCount() * hd;
        float[] x = row(w(TensorNames.TOK_EMBEDDINGS), token);
        for (int l = 0; l < h.layerCount(); l++) {
            float[] xn = rmsnorm(x, row(w(TensorNames.layer(l, "attn_norm")), 0));
            float[] q = matvec(w(TensorNames.layer(l, "wq")), xn);
            float[] k = matvec(w(TensorNames.layer(l, "wk")), xn);
            float[] v = matvec(w(TensorNames.layer(l, "wv")), xn);
            rotate(q, pos);
            rotate(k, pos);
            System.arraycopy(k, 0, keys[l], pos * kvDim, kvDim);
            System.arraycopy(v, 0, values[l], pos * kvDim, kvDim);
            float[] att = new float[dim];
            int group = h.headCount() / h.kvHeadCount();
            for (int head = 0; head < h.headCount(); head++) {
                int kvHead = head / group;
                float[] scores = new float[pos + 1];
                for (int p = 0; p <= pos; p++) {
                    float[] terms = new float[hd];
                    for (int d = 0; d < hd; d++) {
                        terms[d] = q[head * hd + d] * keys[l][p * kvDim + kvHead * hd + d];
                    }
                    scores[p] = striped(terms) / (float) Math.sqrt((float) hd);
                }
                float max = Float.NEGATIVE_INFINITY;
                for (float s : scores) {
                    max = Math.max(max, s);
                }
                for (int p = 0; p <= pos; p++) {
                    scores[p] = PaddockMath.exp(scores[p] - max);
                }
                float sum = striped(scores);
                for (int p = 0; p <= pos; p++) {
                    scores[p] = scores[p] / sum;
                }
                for (int d = 0; d < hd; d++) {
                    float acc = 0f;
                    for (int p = 0; p <= pos; p++) {
                        acc += scores[p] * values[l][p * kvDim + kvHead * hd + d];
                    }
                    att[head * hd + d] = acc;
                }
            }
            float[] o = matvec(w(TensorNames.layer(l, "wo")), att);
            for (int i = 0; i < dim; i++) {
                x[i] = x[i] + o[i];
            }
            float[] xf = rmsnorm(x, row(w(TensorNames.layer(l, "ffn_norm")), 0));
            float[] a = matvec(w(TensorNames.layer(l, "w1")), xf);
            float[] b = matvec(w(TensorNames.layer(l, "w3")), xf);
            float[] m = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                m[i] = (a[i] / (1f + PaddockMath.exp(-a[i]))) * b[i];
            }
            float[] down = matvec(w(TensorNames.layer(l, "w2")), m);
            for (int i = 0; i < dim; i++) {
                x[i] = x[i] + down[i];
            }
        }
        float[] xn = rmsnorm(x, row(w(TensorNames.NORM), 0));
        return matvec(w(h.tiedOutput() ? TensorNames.TOK_EMBEDDINGS : TensorNames.OUTPUT), xn);
    }

    private TensorData w(String name) {
        return slm.tensor(name).data();
    }

    private void rotate(float[] vec, int pos) {
        int hd = h.headDim();
        for (int base = 0; base < vec.length; base += hd) {
            for (int i = 0; i < hd / 2; i++) {
                double freq = PaddockMath.exp(-((2.0 * i) / hd) * PaddockMath.log((double) h.ropeTheta()));
                double angle = pos * freq;
                float c = (float) PaddockMath.cos(angle);
                float s = (float) PaddockMath.sin(angle);
                float a = vec[base + 2 * i];
                float b = vec[base + 2 * i + 1];
                vec[base + 2 * i] = a * c - b * s;
                vec[base + 2 * i + 1] = a * s + b * c;
            }
        }
    }

    private float[] rmsnorm(float[] x, float[] weight) {
        float[] sq = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            sq[i] = x[i] * x[i];
        }
        float ms = striped(sq) / x.length;
        float inv = 1f / (float) Math.sqrt(ms + h.rmsNormEpsilon());
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (x[i] * inv) * weight[i];
        }
        return out;
    }

    /** C9: acc[j % 8] in ascending j, then ((a0+a4)+(a2+a6)) + ((a1+a5)+(a3+a7)). */
    public static float striped(float[] terms) {
        float[] acc = new float[8];
        for (int j = 0; j < terms.length; j++) {
            acc[j % 8] += terms[j];
        }
        return ((acc[0] + acc[4]) + (acc[2] + acc[6])) + ((acc[1] + acc[5]) + (acc[3] + acc[7]));
    }

    public static float[] matvec(TensorData w, float[] x) {
        int rows = w.rows();
        int cols = w.cols();
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            if (w instanceof TensorData.Q4 q) {
                int bs = q.blockSize();
                float y = 0f;
                for (int b = 0; b < cols / bs; b++) {
                    float[] terms = new float[bs];
                    for (int j = 0; j < bs; j++) {
                        terms[j] = (float) nibble(q.packed(), r * cols + b * bs + j) * x[b * bs + j];
                    }
                    y += striped(terms) * q.blockScales()[r * (cols / bs) + b];
                }
                out[r] = y;
            } else {
                float[] terms = new float[cols];
                for (int c = 0; c < cols; c++) {
                    float wv = w instanceof TensorData.F32 f ? f.values()[r * cols + c]
                            : (float) ((TensorData.Q8) w).quants()[r * cols + c];
                    terms[c] = wv * x[c];
                }
                float dot = striped(terms);
                out[r] = w instanceof TensorData.Q8 q8 ? dot * q8.rowScales()[r] : dot;
            }
        }
        return out;
    }

    /** Element i of a packed q4 array: low nibble first, two's complement. */
    static int nibble(byte[] packed, int i) {
        int b = packed[i / 2] & 0xFF;
        int v = i % 2 == 0 ? b & 0xF : b >> 4;
        return v >= 8 ? v - 16 : v;
    }

    /** Row r dequantized element-wise as q * scale. */
    static float[] row(TensorData w, int r) {
        int cols = w.cols();
        float[] out = new float[cols];
        for (int c = 0; c < cols; c++) {
            if (w instanceof TensorData.F32 f) {
                out[c] = f.values()[r * cols + c];
            } else if (w instanceof TensorData.Q8 q) {
                out[c] = q.quants()[r * cols + c] * q.rowScales()[r];
            } else {
                TensorData.Q4 q = (TensorData.Q4) w;
                out[c] = nibble(q.packed(), r * cols + c) * q.blockScales()[r * (cols / q.blockSize()) + c / q.blockSize()];
            }
        }
        return out;
    }
}
