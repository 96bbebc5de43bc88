package io.paddock.runtime.model;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.kernel.ScalarKernels;
import io.paddock.runtime.math.PaddockMath;
import io.paddock.runtime.math.Striped;

/**
 * The forward pass of model_type 1 (reference §8) in the exact C9 arithmetic: one token at one
 * position, reading the model's weights and writing only into the {@link State}. Matrix-vector
 * products go through {@link Kernels} (all implementations are bit-identical); everything else
 * is plain float code here.
 */
public final class Transformer {
    private static final int SWIGLU_SLICES = 4;
    /** One SiLU costs about as much as this many multiply-adds (Paddock's exp is a polynomial). */
    private static final long SILU_COST = 64;

    private Transformer() {
    }

    /**
     * Feeds {@code token} at position {@code pos} (which must be the state's KV length) and
     * returns the logits for the next token (the state's live logits array). The KV length is
     * committed to {@code pos + 1} only after every layer ran.
     */
    public static float[] forward(Model model, State s, Kernels kernels, int token, int pos) {
        ModelConfig c = model.config();
        Weights w = model.weights();
        checkStep(c, s, token, pos);
        float eps = c.rmsEps();

        // token embedding: x = tok_embeddings[token], dequantized
        Dequantize.row(w.tokEmbeddings(), token, s.x);

        for (int l = 0; l < c.layers(); l++) {
            LayerWeights lw = w.layers().get(l);

            // attention rmsnorm
            rmsnorm(s.xb, s.x, lw.attnNorm(), eps);

            // q, k, v projections (one input: one job for multi-threaded kernels)
            kernels.matvecs(new TensorData[] {lw.wq(), lw.wk(), lw.wv()}, s.xb, new float[][] {s.q, s.k, s.v});

            // RoPE: rotate adjacent pairs of every query and key head at this position
            rope(s.q, c.heads(), c.headDim(), s.rope, pos);
            rope(s.k, c.kvHeads(), c.headDim(), s.rope, pos);

            // store k and v in the cache at (layer, pos)
            System.arraycopy(s.k, 0, s.keyCache[l], pos * c.kvDim(), c.kvDim());
            System.arraycopy(s.v, 0, s.valueCache[l], pos * c.kvDim(), c.kvDim());

            // causal multi-head attention over positions 0..pos (GQA), into xb
            attention(c, s, kernels, l, pos);

            // output projection and residual
            kernels.matvec(lw.wo(), s.xb, s.xb2, 0);
            add(s.x, s.xb2);

            // ffn rmsnorm
            rmsnorm(s.xb, s.x, lw.ffnNorm(), eps);

            // SwiGLU: hb = silu(w1·xb) * (w3·xb)
            kernels.matvecs(new TensorData[] {lw.w1(), lw.w3()}, s.xb, new float[][] {s.hb, s.hb2});
            swiglu(kernels, s.hb, s.hb2);

            // down projection and residual
            kernels.matvec(lw.w2(), s.hb, s.xb, 0);
            add(s.x, s.xb);
        }

        // final rmsnorm
        rmsnorm(s.xb, s.x, w.norm(), eps);

        // classifier into logits (tied models use tok_embeddings)
        kernels.matvec(w.output(), s.xb, s.logits, 0);

        // commit the new position only now that every layer succeeded
        s.kvLength = pos + 1;
        return s.logits;
    }

    private static void checkStep(ModelConfig c, State s, int token, int pos) {
        if (!s.fits(c)) {
            throw new IllegalArgumentException("state sized for " + s.config + " cannot run " + c);
        }
        if (token < 0 || token >= c.vocabSize()) {
            throw new FormatException(ErrorCode.INVALID_LENGTH,
                    "token id must be in [0, " + c.vocabSize() + ")", token);
        }
        if (pos >= c.maxContext()) {
            throw new FormatException(ErrorCode.CONTEXT_EXCEEDED,
                    "position must be below max_context " + c.maxContext(), pos);
        }
        if (pos != s.kvLength) {
            throw new IllegalArgumentException("position " + pos + " is not the KV length " + s.kvLength);
        }
    }

    /** C9 RMSNorm: ms = striped Σ x² / n; inv = 1 / sqrt(ms + eps); out = (x * inv) * w. */
    static void rmsnorm(float[] out, float[] x, TensorData weight, float eps) {
        int n = x.length;
        float ms = ScalarKernels.dotF32(x, 0, x, 0, n) / n;
        float inv = 1f / (float) Math.sqrt(ms + eps);
        if (weight instanceof TensorData.F32 f) {
            float[] wv = f.values();
            for (int i = 0; i < n; i++) {
                out[i] = (x[i] * inv) * wv[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = (x[i] * inv) * weight.get(0, i);
            }
        }
    }

    /** Rotates pairs (v[2i], v[2i+1]) of each head: x' = x·c − y·s, y' = x·s + y·c, in float. */
    static void rope(float[] vec, int headCount, int headDim, RopeTable rope, int pos) {
        int half = rope.half;
        int row = pos * half;
        for (int h = 0; h < headCount; h++) {
            int base = h * headDim;
            for (int i = 0; i < half; i++) {
                float cos = rope.cos[row + i];
                float sin = rope.sin[row + i];
                float x = vec[base + 2 * i];
                float y = vec[base + 2 * i + 1];
                vec[base + 2 * i] = x * cos - y * sin;
                vec[base + 2 * i + 1] = x * sin + y * cos;
            }
        }
    }

    /**
     * Per query head h (kv head h / kvGroup): score_p = dot(q_h, k_h[p]) / sqrt(headDim);
     * softmax with e_p = exp(score_p − max), striped sum, a_p = e_p / sum;
     * out[d] = Σ_p a_p · v_p[d] in ascending p. Writes the concatenated heads into xb.
     */
    static void attention(ModelConfig c, State s, Kernels kernels, int layer, int pos) {
        int headDim = c.headDim();
        int kvDim = c.kvDim();
        int group = c.kvGroup();
        int n = pos + 1;
        float[] keys = s.keyCache[layer];
        float[] values = s.valueCache[layer];
        float[] att = s.att;
        float[] out = s.xb;
        // heads are independent (own scores slice, own output slice): kernels may run them in parallel
        kernels.forEach(c.heads(), 2L * headDim * n, h -> {
            int qOff = h * headDim;
            int kvOff = (h / group) * headDim;
            int a = h * c.maxContext();

            // scores against every cached key
            kernels.dots(s.q, qOff, keys, kvOff, kvDim, n, headDim, att, a);
            for (int p = 0; p < n; p++) {
                att[a + p] = att[a + p] / s.attentionScale;
            }

            // softmax over positions 0..pos
            softmax(att, a, n);

            // weighted sum of the values, ascending positions
            kernels.weightedSum(att, a, n, values, kvDim, kvOff, headDim, out, qOff);
        });
    }

    /** In place: e_i = exp(v_i − max), total = C9 striped Σ e_i, v_i = e_i / total. */
    static void softmax(float[] v, int off, int n) {
        float max = v[off];
        for (int i = 1; i < n; i++) {
            if (v[off + i] > max) {
                max = v[off + i];
            }
        }
        for (int i = 0; i < n; i++) {
            v[off + i] = PaddockMath.exp(v[off + i] - max);
        }
        float sum = Striped.sum(v, off, n);
        for (int i = 0; i < n; i++) {
            v[off + i] = v[off + i] / sum;
        }
    }

    /**
     * hb[i] = silu(hb[i]) * hb2[i] with silu(z) = z / (1 + exp(−z)), in float; in four independent
     * slices that the kernels may run on several threads (each element is computed alone, so the
     * result is the same however they run).
     */
    static void swiglu(Kernels kernels, float[] hb, float[] hb2) {
        int per = (hb.length + SWIGLU_SLICES - 1) / SWIGLU_SLICES;
        kernels.forEach(SWIGLU_SLICES, (long) per * SILU_COST, p ->
                swiglu(hb, hb2, p * per, Math.min(hb.length, (p + 1) * per)));
    }

    static void swiglu(float[] hb, float[] hb2, int from, int to) {
        for (int i = from; i < to; i++) {
            float z = hb[i];
            hb[i] = (z / (1f + PaddockMath.exp(-z))) * hb2[i];
        }
    }

    /** x += y, element-wise. */
    static void add(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] += y[i];
        }
    }
}
