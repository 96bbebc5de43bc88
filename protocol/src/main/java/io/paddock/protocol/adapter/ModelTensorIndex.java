package io.paddock.protocol.adapter;

import io.paddock.protocol.hash.Fnv;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorNames;

import java.util.HashMap;
import java.util.Map;

/**
 * A model's tensors by name hash, their position in the model and their canonical names
 * (for messages). Adapters address 1-D tensors as 1×n and 2-D tensors as rows×cols.
 */
final class ModelTensorIndex {
    private final SlmModel model;
    private final Map<Long, Integer> positions = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();

    ModelTensorIndex(SlmModel model) {
        this.model = model;
        for (int i = 0; i < model.tensors().size(); i++) {
            positions.putIfAbsent(model.tensors().get(i).nameHash(), i);
        }
        for (String name : TensorNames.canonicalOrder(model.header().layerCount(), model.header().tiedOutput())) {
            names.put(Fnv.nameHash(name), name);
        }
    }

    /** Position of the tensor in {@code model.tensors()}, or -1. */
    int position(long nameHash) {
        Integer p = positions.get(nameHash);
        return p == null ? -1 : p;
    }

    Tensor tensor(int position) {
        return model.tensors().get(position);
    }

    /** The canonical name, or {@code name_hash 0x…} when the hash is not a canonical name. */
    String describe(long nameHash) {
        String n = names.get(nameHash);
        return n != null ? n : "name_hash " + Hex.u64(nameHash);
    }

    /** Rows as an adapter addresses the tensor (1 for 1-D), or -1 if the rank is not 1 or 2. */
    static long rows(Tensor t) {
        if (t.rank() == 1) {
            return 1;
        }
        return t.rank() == 2 ? Integer.toUnsignedLong(t.dims()[0]) : -1;
    }

    /** Cols as an adapter addresses the tensor, or -1 if the rank is not 1 or 2. */
    static long cols(Tensor t) {
        if (t.rank() == 1) {
            return Integer.toUnsignedLong(t.dims()[0]);
        }
        return t.rank() == 2 ? Integer.toUnsignedLong(t.dims()[1]) : -1;
    }
}
