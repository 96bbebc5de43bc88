package io.paddock.protocol.adapter;

import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.ModelHeader;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorData;
import io.paddock.protocol.slm.TensorNames;
import io.paddock.protocol.tokenizer.ByteTokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Tiny seeded models built directly from records (BTOK, C3 order), independent of the slm
 * package's writer and quantizer: 2 layers, hidden 32, 4 heads of 8, 2 KV heads, FFN 64.
 * Includes an independent C4 quantizer to check the applier against.
 */
final class TestModels {
    static final int HIDDEN = 32;
    static final int LAYERS = 2;
    static final int HEADS = 4;
    static final int KV_HEADS = 2;
    static final int HEAD_DIM = 8;
    static final int FFN = 64;
    static final int VOCAB = 260;
    static final int Q4_BLOCK = 32;

    private TestModels() {
    }

    static SlmModel model(long seed, DType dtype) {
        return model(seed, dtype, false);
    }

    static SlmModel model(long seed, DType dtype, boolean tied) {
        ModelHeader header = new ModelHeader(1, tied ? ModelHeader.FLAG_TIED_OUTPUT : 0, VOCAB, 4, HIDDEN, LAYERS,
                HEADS, KV_HEADS, HEAD_DIM, FFN, 16, 10000f, 1e-5f);
        XorShift64 rng = new XorShift64(seed);
        List<Tensor> tensors = new ArrayList<>();
        for (String name : TensorNames.canonicalOrder(LAYERS, tied)) {
            int[] dims = dims(name);
            int rows = dims.length == 1 ? 1 : dims[0];
            int cols = dims.length == 1 ? dims[0] : dims[1];
            float[] w = new float[rows * cols];
            for (int i = 0; i < w.length; i++) {
                w[i] = (rng.nextFloat() - 0.5f);
            }
            tensors.add(Tensor.of(name, quantize(w, rows, cols, dtype), dims));
        }
        return new SlmModel(header, new ByteTokenizer(), tensors);
    }

    static int[] dims(String name) {
        if (name.equals(TensorNames.TOK_EMBEDDINGS) || name.equals(TensorNames.OUTPUT)) {
            return new int[] {VOCAB, HIDDEN};
        }
        if (name.equals(TensorNames.NORM) || name.endsWith("norm.weight")) {
            return new int[] {HIDDEN};
        }
        if (name.endsWith(".wk.weight") || name.endsWith(".wv.weight")) {
            return new int[] {KV_HEADS * HEAD_DIM, HIDDEN};
        }
        if (name.endsWith(".w1.weight") || name.endsWith(".w3.weight")) {
            return new int[] {FFN, HIDDEN};
        }
        if (name.endsWith(".w2.weight")) {
            return new int[] {HIDDEN, FFN};
        }
        return new int[] {HIDDEN, HIDDEN};
    }

    /** Independent C4 quantizer over a whole tensor. */
    static TensorData quantize(float[] w, int rows, int cols, DType dtype) {
        if (dtype == DType.F32) {
            return new TensorData.F32(rows, cols, w.clone());
        }
        if (dtype == DType.Q8_0) {
            byte[] q = new byte[rows * cols];
            float[] scales = new float[rows];
            for (int r = 0; r < rows; r++) {
                scales[r] = c4Group(w, r * cols, cols, 127, q, null);
            }
            return new TensorData.Q8(rows, cols, q, scales);
        }
        byte[] packed = new byte[rows * cols / 2];
        float[] scales = new float[rows * (cols / Q4_BLOCK)];
        for (int b = 0; b < scales.length; b++) {
            scales[b] = c4Group(w, b * Q4_BLOCK, Q4_BLOCK, 7, null, packed);
        }
        return new TensorData.Q4(rows, cols, Q4_BLOCK, packed, scales);
    }

    /** C4 for one group starting at flat index {@code start}: into q (q8) or packed nibbles (q4). */
    private static float c4Group(float[] w, int start, int n, int max, byte[] q, byte[] packed) {
        float amax = 0;
        for (int i = start; i < start + n; i++) {
            float a = w[i] < 0 ? -w[i] : w[i];
            if (a > amax) {
                amax = a;
            }
        }
        float scale = amax == 0 ? 1f : amax / (float) max;
        for (int i = start; i < start + n; i++) {
            long v = Math.round(Math.rint(w[i] / scale));
            int qi = (int) Math.max(-max - (packed != null ? 1 : 0), Math.min(max, v));
            if (q != null) {
                q[i] = (byte) qi;
            } else if ((i & 1) == 0) {
                packed[i / 2] = (byte) ((packed[i / 2] & 0xF0) | (qi & 0xF));
            } else {
                packed[i / 2] = (byte) ((packed[i / 2] & 0x0F) | ((qi & 0xF) << 4));
            }
        }
        return scale;
    }

    /** All values as floats, row-major, as the runtime dequantizes them. */
    static float[] values(TensorData d) {
        float[] out = new float[d.rows() * d.cols()];
        for (int r = 0; r < d.rows(); r++) {
            for (int c = 0; c < d.cols(); c++) {
                out[r * d.cols() + c] = d.get(r, c);
            }
        }
        return out;
    }
}
