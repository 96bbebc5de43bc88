package io.paddock.protocol.adapter;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;

/**
 * The C7 value rules shared by the reader (on file bytes) and the writer and validator
 * (on in-memory adapters), so both report the same rule text at the same file offset.
 */
final class AdapterRules {
    static final String SIZE_RULE = "adapter size must be at most " + AdapterFormat.MAX_BYTES + " bytes";

    private AdapterRules() {
    }

    static FormatException invalid(String rule, long offset, Object bad) {
        return new FormatException(ErrorCode.INVALID_ADAPTER, rule, offset, bad);
    }

    static void checkFinite(float v, long offset, String what) {
        if (!Float.isFinite(v)) {
            throw new FormatException(ErrorCode.NON_FINITE_VALUE, what + " must be finite", offset, Hex.f32(v));
        }
    }

    /** Records in strictly ascending unsigned name_hash; {@code previous} is ignored for the first record. */
    static void checkOrder(long recordIndex, long previous, long hash, long offset) {
        if (recordIndex > 0 && Long.compareUnsigned(previous, hash) >= 0) {
            throw invalid("records must be in strictly ascending unsigned name_hash, each tensor at most once",
                    offset, "record " + recordIndex + " name_hash " + Hex.u64(hash)
                            + " after " + Hex.u64(previous));
        }
    }

    /** rows and cols (unsigned u32 values) nonzero, and rows*cols within a Java array. */
    static void checkShape(long rows, long cols, long offset) {
        if (rows == 0) {
            throw invalid("rows must be nonzero", offset + 8, rows);
        }
        if (cols == 0) {
            throw invalid("cols must be nonzero", offset + 12, cols);
        }
        // both < 2^32, so a product overflow is detected by the division test
        if (rows > AdapterFormat.MAX_ELEMENTS || cols > AdapterFormat.MAX_ELEMENTS
                || rows * cols > AdapterFormat.MAX_ELEMENTS) {
            throw invalid("rows*cols must be at most " + AdapterFormat.MAX_ELEMENTS, offset + 8,
                    rows + "x" + cols);
        }
    }

    static void checkRank(long rank, long rows, long cols, long offset) {
        if (rank < 1 || rank > Math.min(rows, cols)) {
            throw invalid("low-rank rank must be in 1..min(rows, cols) = 1.." + Math.min(rows, cols), offset, rank);
        }
    }

    /** Sparse indices strictly increasing and below rows*cols; {@code previous} is ignored for k = 0. */
    static void checkIndex(long k, long previous, long index, long elements, long offset) {
        if (index >= elements) {
            throw invalid("sparse index must be < rows*cols = " + elements, offset, index);
        }
        if (k > 0 && index <= previous) {
            throw invalid("sparse indices must be strictly increasing", offset, index + " after " + previous);
        }
    }

    static void checkSize(long size) {
        if (size > AdapterFormat.MAX_BYTES) {
            throw invalid(SIZE_RULE, AdapterFormat.MAX_BYTES, size + " bytes");
        }
    }
}
