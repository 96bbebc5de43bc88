package io.paddock.protocol.slm;

import io.paddock.protocol.hash.Fnv;

/** A required tensor's canonical name, C2 name hash and exact dims (reference §7). */
public record TensorShape(String name, long nameHash, int[] dims) {

    public static TensorShape of(String name, int... dims) {
        return new TensorShape(name, Fnv.nameHash(name), dims.clone());
    }

    /** Rows as stored: dim0 of a matrix, 1 for a vector. */
    public int rows() {
        return dims.length == 1 ? 1 : dims[0];
    }

    /** Columns: the last dim. */
    public int cols() {
        return dims[dims.length - 1];
    }
}
