package io.paddock.protocol.slm;

import io.paddock.protocol.hash.Fnv;

/**
 * One named tensor of a model. {@code dims} holds the rank-many dimensions as stored in the
 * directory ({@code [rows, cols]} for matrices, {@code [n]} for vectors).
 */
public record Tensor(long nameHash, int[] dims, TensorData data) {

    public static Tensor of(String name, TensorData data, int... dims) {
        return new Tensor(Fnv.nameHash(name), dims.clone(), data);
    }

    public int rank() {
        return dims.length;
    }

    public long elementCount() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }
}
