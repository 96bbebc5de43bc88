package io.paddock.protocol.slm;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.hash.Fnv;
import io.paddock.protocol.tokenizer.Tokenizer;

import java.util.List;

/**
 * A whole model package in memory: what {@code SlmReader} returns and {@code SlmWriter}
 * writes. Tensors are kept in C3 order.
 */
public record SlmModel(ModelHeader header, Tokenizer tokenizer, List<Tensor> tensors) {

    public SlmModel {
        tensors = List.copyOf(tensors);
    }

    /** The tensor with this canonical name; MissingTensor if absent. */
    public Tensor tensor(String name) {
        long hash = Fnv.nameHash(name);
        for (Tensor t : tensors) {
            if (t.nameHash() == hash) {
                return t;
            }
        }
        throw new FormatException(ErrorCode.MISSING_TENSOR, "required tensor is absent", name);
    }

    /** Parameter count (C6): the sum of element counts of all tensors. */
    public long parameterCount() {
        long n = 0;
        for (Tensor t : tensors) {
            n += t.elementCount();
        }
        return n;
    }
}
