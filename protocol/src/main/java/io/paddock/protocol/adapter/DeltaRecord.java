package io.paddock.protocol.adapter;

/** One payload record of an adapter: the change to one tensor (C7). 1-D tensors have rows = 1. */
public sealed interface DeltaRecord permits DeltaRecord.Dense, DeltaRecord.Sparse, DeltaRecord.LowRank {

    long nameHash();

    int rows();

    int cols();

    /** ADP1: rows*cols deltas, row-major. */
    record Dense(long nameHash, int rows, int cols, float[] deltas) implements DeltaRecord {
    }

    /** ASP1: strictly increasing flat indices {@code < rows*cols} and their deltas. */
    record Sparse(long nameHash, int rows, int cols, int[] indices, float[] deltas) implements DeltaRecord {
    }

    /** ALR1: delta = A (rows×rank) · B (rank×cols), summed in ascending k. */
    record LowRank(long nameHash, int rows, int cols, int rank, float[] a, float[] b) implements DeltaRecord {
    }
}
