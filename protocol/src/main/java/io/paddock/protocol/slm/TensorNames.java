package io.paddock.protocol.slm;

import java.util.ArrayList;
import java.util.List;

/** Canonical tensor names and their C3 order. */
public final class TensorNames {
    public static final String TOK_EMBEDDINGS = "tok_embeddings.weight";
    public static final String NORM = "norm.weight";
    public static final String OUTPUT = "output.weight";
    /** Per-layer suffixes in C3 order. */
    public static final List<String> LAYER_SUFFIXES =
            List.of("attn_norm", "wq", "wk", "wv", "wo", "ffn_norm", "w1", "w2", "w3");

    private TensorNames() {
    }

    public static String layer(int layer, String suffix) {
        return "layers." + layer + "." + suffix + ".weight";
    }

    /** All tensor names of a model in C3 order (directory and data alike). */
    public static List<String> canonicalOrder(int layerCount, boolean tiedOutput) {
        List<String> names = new ArrayList<>(2 + 9 * layerCount + 1);
        names.add(TOK_EMBEDDINGS);
        for (int l = 0; l < layerCount; l++) {
            for (String s : LAYER_SUFFIXES) {
                names.add(layer(l, s));
            }
        }
        names.add(NORM);
        if (!tiedOutput) {
            names.add(OUTPUT);
        }
        return names;
    }
}
