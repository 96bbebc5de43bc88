package io.paddock.runtime.model;

import io.paddock.protocol.hash.Fnv;
import io.paddock.protocol.slm.ModelHeader;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorNames;

import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic cost figure: weight bytes (payload + scales) read to generate one token.
 * Every tensor is read whole once per token (matrices and norm vectors), except the token
 * embedding, of which one row is read; a tied output projection reads the whole embedding
 * matrix as well. Adapters are merged into the weights before evaluation and add nothing.
 */
public final class CostModel {

    private CostModel() {
    }

    public static long bytesPerToken(SlmModel model) {
        List<TensorFootprint> footprints = new ArrayList<>(model.tensors().size());
        for (Tensor t : model.tensors()) {
            footprints.add(TensorFootprint.of(t));
        }
        return bytesPerToken(model.header(), footprints);
    }

    public static long bytesPerToken(ModelHeader header, List<TensorFootprint> tensors) {
        long embeddingHash = Fnv.nameHash(TensorNames.TOK_EMBEDDINGS);
        TensorFootprint embedding = null;
        long total = 0;
        for (TensorFootprint t : tensors) {
            if (t.nameHash() == embeddingHash) {
                embedding = t;
            } else {
                total = Math.addExact(total, t.totalBytes());
            }
        }
        if (embedding == null) {
            throw new IllegalArgumentException("model has no " + TensorNames.TOK_EMBEDDINGS);
        }
        if (embedding.payloadBytes() % embedding.rows() != 0 || embedding.scaleBytes() % embedding.rows() != 0) {
            throw new IllegalArgumentException(TensorNames.TOK_EMBEDDINGS + " bytes do not divide into "
                    + embedding.rows() + " rows");
        }
        total = Math.addExact(total, embedding.totalBytes() / embedding.rows());
        if (header.tiedOutput()) {
            total = Math.addExact(total, embedding.totalBytes());
        }
        return total;
    }
}
