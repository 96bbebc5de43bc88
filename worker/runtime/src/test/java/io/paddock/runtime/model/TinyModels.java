package io.paddock.runtime.model;

import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.ModelHeader;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorData;
import io.paddock.protocol.slm.TensorNames;
import io.paddock.protocol.tokenizer.BpeTokenizer;
import io.paddock.protocol.tokenizer.ByteTokenizer;
import io.paddock.protocol.tokenizer.Tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Tiny models built in the test from a seeded XorShift64 (no files, never skipped): any shape,
 * f32 / q8_0 / q4_0 (quantized with the C4 rules by {@link #quantize}), BTOK or a small BPE,
 * tied or untied, GQA.
 */
public final class TinyModels {

    /**
     * What to build.
     *
     * @param dtype      storage of every tensor
     * @param bpe        BPE1 tokenizer (vocab 265) instead of BTOK (260)
     * @param tied       tied output projection
     * @param dim        hidden size
     * @param ffn        SwiGLU width
     * @param layers     blocks
     * @param heads      query heads
     * @param kvHeads    key/value heads
     * @param maxContext context
     * @param q4Block    q4_0 block size
     * @param seed       weight seed
     */
    public record Spec(DType dtype, boolean bpe, boolean tied, int dim, int ffn, int layers, int heads,
                       int kvHeads, int maxContext, int q4Block, long seed) {

        /** A small default: dim 32, ffn 64, 2 layers, 4 heads, 2 kv heads, context 64. */
        public static Spec of(DType dtype, boolean bpe, boolean tied, int heads, int kvHeads, long seed) {
            return new Spec(dtype, bpe, tied, 32, 64, 2, heads, kvHeads, 64, 16, seed);
        }

        public Spec withContext(int context) {
            return new Spec(dtype, bpe, tied, dim, ffn, layers, heads, kvHeads, context, q4Block, seed);
        }

        public Spec withDtype(DType d) {
            return new Spec(d, bpe, tied, dim, ffn, layers, heads, kvHeads, maxContext, q4Block, seed);
        }

        @Override
        public String toString() {
            return dtype.label() + (bpe ? "/bpe" : "/btok") + (tied ? "/tied" : "/untied") + "/h" + heads + "kv"
                    + kvHeads + "/seed" + seed;
        }
    }

    private TinyModels() {
    }

    /** The BPE fixture of C5 extended: th(260), the(261), in(262), an(263), and(264). */
    public static BpeTokenizer bpeTokenizer() {
        List<byte[]> added = List.of(bytes("th"), bytes("the"), bytes("in"), bytes("an"), bytes("and"));
        List<BpeTokenizer.Merge> merges = List.of(
                new BpeTokenizer.Merge('t', 'h', 260, 0),
                new BpeTokenizer.Merge(260, 'e', 261, 1),
                new BpeTokenizer.Merge('i', 'n', 262, 2),
                new BpeTokenizer.Merge('a', 'n', 263, 3),
                new BpeTokenizer.Merge(263, 'd', 264, 4));
        return new BpeTokenizer(265, added, merges);
    }

    public static SlmModel build(Spec s) {
        Tokenizer tokenizer = s.bpe() ? bpeTokenizer() : new ByteTokenizer();
        int vocab = tokenizer.vocabSize();
        int headDim = s.dim() / s.heads();
        ModelHeader header = new ModelHeader(1, s.tied() ? ModelHeader.FLAG_TIED_OUTPUT : 0, vocab, 4, s.dim(),
                s.layers(), s.heads(), s.kvHeads(), headDim, s.ffn(), s.maxContext(), 10000f, 1e-5f);
        XorShift64 rng = new XorShift64(s.seed());
        int kvDim = s.kvHeads() * headDim;
        List<Tensor> tensors = new ArrayList<>();
        for (String name : TensorNames.canonicalOrder(s.layers(), s.tied())) {
            int[] shape = shapeOf(name, s.dim(), s.ffn(), kvDim, vocab);
            boolean norm = shape.length == 1;
            int rows = norm ? 1 : shape[0];
            int cols = norm ? shape[0] : shape[1];
            float[] values = new float[rows * cols];
            float range = norm ? 0.25f : (float) (1.0 / Math.sqrt(cols)) * 1.5f;
            for (int i = 0; i < values.length; i++) {
                float u = rng.nextFloat() * 2f - 1f;
                values[i] = norm ? 1f + u * range : u * range;
            }
            float gain = gain(name, s.tied());
            for (int i = 0; i < values.length; i++) {
                values[i] *= gain;
            }
            tensors.add(Tensor.of(name, quantize(values, rows, cols, s.dtype(), s.q4Block()), shape));
        }
        return new SlmModel(header, tokenizer, tensors);
    }

    /**
     * Untied: embeddings of order 1, as trained models have. Tied: small embeddings and strong
     * block outputs, else the residual stream stays the input embedding and the model only
     * repeats its last token.
     */
    private static float gain(String name, boolean tied) {
        if (name.equals(TensorNames.TOK_EMBEDDINGS)) {
            return tied ? 1f : 4f;
        }
        if (tied && (name.endsWith(".wo.weight") || name.endsWith(".w2.weight"))) {
            return 4f;
        }
        return 1f;
    }

    static int[] shapeOf(String name, int dim, int ffn, int kvDim, int vocab) {
        if (name.equals(TensorNames.TOK_EMBEDDINGS) || name.equals(TensorNames.OUTPUT)) {
            return new int[] {vocab, dim};
        }
        if (name.equals(TensorNames.NORM) || name.endsWith("norm.weight")) {
            return new int[] {dim};
        }
        if (name.endsWith(".wk.weight") || name.endsWith(".wv.weight")) {
            return new int[] {kvDim, dim};
        }
        if (name.endsWith(".w1.weight") || name.endsWith(".w3.weight")) {
            return new int[] {ffn, dim};
        }
        if (name.endsWith(".w2.weight")) {
            return new int[] {dim, ffn};
        }
        return new int[] {dim, dim};
    }

    /** Test-only quantizer following C4 (per-row q8_0, per-block q4_0, rint half-even, float division). */
    public static TensorData quantize(float[] w, int rows, int cols, DType dtype, int q4Block) {
        if (dtype == DType.F32) {
            return new TensorData.F32(rows, cols, w.clone());
        }
        if (dtype == DType.Q8_0) {
            byte[] q = new byte[rows * cols];
            float[] scales = new float[rows];
            for (int r = 0; r < rows; r++) {
                float scale = scale(w, r * cols, cols, 127f);
                scales[r] = scale;
                for (int c = 0; c < cols; c++) {
                    q[r * cols + c] = (byte) clamp(Math.rint(w[r * cols + c] / scale), -127, 127);
                }
            }
            return new TensorData.Q8(rows, cols, q, scales);
        }
        int blocksPerRow = cols / q4Block;
        byte[] packed = new byte[rows * cols / 2];
        float[] scales = new float[rows * blocksPerRow];
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < blocksPerRow; b++) {
                int base = r * cols + b * q4Block;
                float scale = scale(w, base, q4Block, 7f);
                scales[r * blocksPerRow + b] = scale;
                for (int j = 0; j < q4Block; j++) {
                    int nib = clamp(Math.rint(w[base + j] / scale), -8, 7) & 0xF;
                    int i = base + j;
                    packed[i >> 1] |= (byte) ((i & 1) == 0 ? nib : nib << 4);
                }
            }
        }
        return new TensorData.Q4(rows, cols, q4Block, packed, scales);
    }

    private static float scale(float[] w, int off, int n, float levels) {
        float amax = 0f;
        for (int i = 0; i < n; i++) {
            amax = Math.max(amax, Math.abs(w[off + i]));
        }
        return amax == 0f ? 1f : amax / levels;
    }

    private static int clamp(double v, int lo, int hi) {
        return (int) Math.max(lo, Math.min(hi, v));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
