package io.paddock.protocol.slm;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact tensor set of a model (reference §7 with GQA): names in C3 order with their shapes.
 * {@code wk}/{@code wv} are {@code kvDim × hidden}; {@code output.weight} exists unless tied.
 * Call with a header that passed {@link ModelHeaderRules}.
 */
public final class ModelShapes {
    private ModelShapes() {
    }

    /** How many tensors the model has: 2 + 9 × layers, plus output.weight unless tied. */
    public static long tensorCount(ModelHeader h) {
        return 2 + 9L * h.layerCount() + (h.tiedOutput() ? 0 : 1);
    }

    /** All required tensors in C3 order (allocates {@link #tensorCount} entries: bound it first). */
    public static List<TensorShape> expected(ModelHeader h) {
        long count = tensorCount(h);
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many tensors: " + count);
        }
        return expected(h, (int) count);
    }

    /** The first {@code limit} required tensors in C3 order (fewer if the model has fewer). */
    public static List<TensorShape> expected(ModelHeader h, int limit) {
        int hidden = h.hiddenSize();
        int kvDim = h.kvDim();
        int ffn = h.ffnSize();
        List<TensorShape> out = new ArrayList<>((int) Math.min(limit, tensorCount(h)));
        add(out, limit, TensorShape.of(TensorNames.TOK_EMBEDDINGS, h.vocabSize(), hidden));
        for (int l = 0; l < h.layerCount() && out.size() < limit; l++) {
            add(out, limit, TensorShape.of(TensorNames.layer(l, "attn_norm"), hidden));
            add(out, limit, TensorShape.of(TensorNames.layer(l, "wq"), hidden, hidden));
            add(out, limit, TensorShape.of(TensorNames.layer(l, "wk"), kvDim, hidden));
            add(out, limit, TensorShape.of(TensorNames.layer(l, "wv"), kvDim, hidden));
            add(out, limit, TensorShape.of(TensorNames.layer(l, "wo"), hidden, hidden));
            add(out, limit, TensorShape.of(TensorNames.layer(l, "ffn_norm"), hidden));
            add(out, limit, TensorShape.of(TensorNames.layer(l, "w1"), ffn, hidden));
            add(out, limit, TensorShape.of(TensorNames.layer(l, "w2"), hidden, ffn));
            add(out, limit, TensorShape.of(TensorNames.layer(l, "w3"), ffn, hidden));
        }
        add(out, limit, TensorShape.of(TensorNames.NORM, hidden));
        if (!h.tiedOutput()) {
            add(out, limit, TensorShape.of(TensorNames.OUTPUT, h.vocabSize(), hidden));
        }
        return out;
    }

    private static void add(List<TensorShape> out, int limit, TensorShape s) {
        if (out.size() < limit) {
            out.add(s);
        }
    }
}
