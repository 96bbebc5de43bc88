package io.paddock.runtime.eval;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterBinding;
import io.paddock.protocol.adapter.AdapterKind;
import io.paddock.protocol.adapter.DeltaRecord;
import io.paddock.protocol.hash.Fnv;
import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.slm.CompatibilityChecksums;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.ModelHeader;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorData;
import io.paddock.protocol.slm.TensorNames;
import io.paddock.protocol.tokenizer.BpeTokenizer;
import io.paddock.protocol.tokenizer.ByteTokenizer;
import io.paddock.protocol.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.List;

/** Tiny SLM1 models and adapters built in memory from fixed seeds (BTOK, GQA 2 heads / 1 KV head). */
final class TinyModels {
    static final int HIDDEN = 16;
    static final int LAYERS = 2;
    static final int HEADS = 2;
    static final int KV_HEADS = 1;
    static final int HEAD_DIM = 8;
    static final int FFN = 32;
    static final int CONTEXT = 32;
    static final int VOCAB = ByteTokenizer.VOCAB_SIZE;

    private TinyModels() {
    }

    static ModelHeader header(boolean tied, int context) {
        return header(tied, context, VOCAB);
    }

    static ModelHeader header(boolean tied, int context, int vocab) {
        return new ModelHeader(1, tied ? ModelHeader.FLAG_TIED_OUTPUT : 0, vocab, 4, HIDDEN, LAYERS, HEADS,
                KV_HEADS, HEAD_DIM, FFN, context, 10000f, 1e-5f);
    }

    /** The C5 fixture BPE: merges t+h→260 (rank 0), 260+e→261 (rank 1), vocabulary 262. */
    static BpeTokenizer bpe() {
        return new BpeTokenizer(262, List.of(new byte[] {'t', 'h'}, new byte[] {'t', 'h', 'e'}),
                List.of(new BpeTokenizer.Merge('t', 'h', 260, 0), new BpeTokenizer.Merge(260, 'e', 261, 1)));
    }

    /** Random weights in [-0.5, 0.5) from {@code seed}; matrices stored as {@code dtype}, norms f32 near 1. */
    static SlmModel random(long seed, DType dtype, boolean tied) {
        return random(seed, dtype, tied, CONTEXT);
    }

    static SlmModel random(long seed, DType dtype, boolean tied, int context) {
        return random(seed, dtype, tied, context, new ByteTokenizer());
    }

    static SlmModel random(long seed, DType dtype, boolean tied, int context, Tokenizer tokenizer) {
        ModelHeader h = header(tied, context, tokenizer.vocabSize());
        XorShift64 rng = new XorShift64(seed);
        List<Tensor> tensors = new ArrayList<>();
        for (String name : TensorNames.canonicalOrder(LAYERS, tied)) {
            int[] shape = shape(name, h);
            if (shape.length == 1) {
                float[] v = new float[shape[0]];
                for (int i = 0; i < v.length; i++) {
                    v[i] = 1f + (rng.nextFloat() - 0.5f) * 0.2f;
                }
                tensors.add(Tensor.of(name, new TensorData.F32(1, shape[0], v), shape[0]));
            } else {
                float[] v = new float[shape[0] * shape[1]];
                for (int i = 0; i < v.length; i++) {
                    v[i] = rng.nextFloat() - 0.5f;
                }
                tensors.add(Tensor.of(name, store(shape[0], shape[1], v, dtype), shape[0], shape[1]));
            }
        }
        return new SlmModel(h, tokenizer, tensors);
    }

    /**
     * A model whose greedy output is always {@code token}: the attention and FFN outputs are
     * zero (wo, w2 = 0), embeddings are positive, and only the output row of {@code token}
     * is nonzero, so its logit is the only positive one.
     */
    static SlmModel constant(int token, DType dtype) {
        ModelHeader h = header(false, CONTEXT);
        XorShift64 rng = new XorShift64(7);
        List<Tensor> tensors = new ArrayList<>();
        for (String name : TensorNames.canonicalOrder(LAYERS, false)) {
            int[] shape = shape(name, h);
            if (shape.length == 1) {
                float[] v = new float[shape[0]];
                java.util.Arrays.fill(v, 1f);
                tensors.add(Tensor.of(name, new TensorData.F32(1, shape[0], v), shape[0]));
                continue;
            }
            float[] v = new float[shape[0] * shape[1]];
            if (name.equals(TensorNames.TOK_EMBEDDINGS)) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = 0.5f + rng.nextFloat();
                }
            } else if (name.equals(TensorNames.OUTPUT)) {
                for (int c = 0; c < shape[1]; c++) {
                    v[token * shape[1] + c] = 1f;
                }
            } else if (!name.endsWith(".wo.weight") && !name.endsWith(".w2.weight")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = rng.nextFloat() - 0.5f;
                }
            }
            tensors.add(Tensor.of(name, store(shape[0], shape[1], v, dtype), shape[0], shape[1]));
        }
        return new SlmModel(h, new ByteTokenizer(), tensors);
    }

    static int[] shape(String name, ModelHeader h) {
        if (name.equals(TensorNames.TOK_EMBEDDINGS) || name.equals(TensorNames.OUTPUT)) {
            return new int[] {h.vocabSize(), h.hiddenSize()};
        }
        if (name.equals(TensorNames.NORM) || name.endsWith("_norm.weight")) {
            return new int[] {h.hiddenSize()};
        }
        if (name.endsWith(".wk.weight") || name.endsWith(".wv.weight")) {
            return new int[] {h.kvDim(), h.hiddenSize()};
        }
        if (name.endsWith(".w1.weight") || name.endsWith(".w3.weight")) {
            return new int[] {h.ffnSize(), h.hiddenSize()};
        }
        if (name.endsWith(".w2.weight")) {
            return new int[] {h.hiddenSize(), h.ffnSize()};
        }
        return new int[] {h.hiddenSize(), h.hiddenSize()};
    }

    static TensorData store(int rows, int cols, float[] v, DType dtype) {
        if (dtype == DType.F32) {
            return new TensorData.F32(rows, cols, v);
        }
        if (dtype == DType.Q8_0) {
            byte[] q = new byte[v.length];
            float[] scales = new float[rows];
            for (int r = 0; r < rows; r++) {
                scales[r] = quantize(v, r * cols, cols, 127f, q);
            }
            return new TensorData.Q8(rows, cols, q, scales);
        }
        int block = 32;
        if (cols % block != 0) {
            block = cols;
        }
        int blocks = cols / block;
        byte[] q = new byte[v.length];
        float[] scales = new float[rows * blocks];
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < blocks; b++) {
                scales[r * blocks + b] = quantize(v, r * cols + b * block, block, 7f, q);
            }
        }
        byte[] packed = new byte[(v.length + 1) / 2];
        for (int i = 0; i < v.length; i++) {
            int nib = q[i] & 0xF;
            packed[i >> 1] |= (byte) ((i & 1) == 0 ? nib : nib << 4);
        }
        return new TensorData.Q4(rows, cols, block, packed, scales);
    }

    /** C4: {@code scale = amax / qmax} (1 if amax is 0), {@code q = clamp(rint(w / scale))}. */
    private static float quantize(float[] v, int off, int n, float qmax, byte[] q) {
        float amax = 0f;
        for (int i = 0; i < n; i++) {
            amax = Math.max(amax, Math.abs(v[off + i]));
        }
        float scale = amax == 0f ? 1f : amax / qmax;
        int lo = qmax == 127f ? -127 : -8;
        for (int i = 0; i < n; i++) {
            int x = (int) Math.rint(v[off + i] / scale);
            q[off + i] = (byte) Math.max(lo, Math.min((int) qmax, x));
        }
        return scale;
    }

    /** The binding of an adapter made for {@code model} (unbound parent). */
    static AdapterBinding bindingOf(SlmModel model) {
        return new AdapterBinding(model.header().flags(), model.tensors().size(), model.parameterCount(),
                CompatibilityChecksums.tensorLayoutChecksum(model.tensors()),
                CompatibilityChecksums.tokenizerChecksum(model.tokenizer().sectionBytes()), new byte[32]);
    }

    /** A dense adapter touching {@code tensorName} with seeded deltas (one record). */
    static Adapter dense(SlmModel model, String tensorName, long seed, float scale) {
        Tensor t = model.tensor(tensorName);
        int rows = t.rank() == 1 ? 1 : t.dims()[0];
        int cols = t.rank() == 1 ? t.dims()[0] : t.dims()[1];
        float[] deltas = new float[rows * cols];
        XorShift64 rng = new XorShift64(seed);
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = rng.nextFloat() - 0.5f;
        }
        return new Adapter(AdapterKind.DENSE, bindingOf(model), scale,
                List.of(new DeltaRecord.Dense(Fnv.nameHash(tensorName), rows, cols, deltas)));
    }

    /** A sparse adapter setting one delta on {@code tensorName}. */
    static Adapter sparse(SlmModel model, String tensorName, int index, float delta) {
        Tensor t = model.tensor(tensorName);
        int rows = t.rank() == 1 ? 1 : t.dims()[0];
        int cols = t.rank() == 1 ? t.dims()[0] : t.dims()[1];
        return new Adapter(AdapterKind.SPARSE, bindingOf(model), 1f,
                List.of(new DeltaRecord.Sparse(Fnv.nameHash(tensorName), rows, cols, new int[] {index},
                        new float[] {delta})));
    }
}
