package io.paddock.protocol.adapter;

import java.util.List;

/**
 * Checks an in-memory {@link Adapter} against every C7 rule the reader enforces, reporting
 * the file offset the offending field would have. Shapes a file cannot express (a record
 * of another family, arrays whose lengths disagree with rows/cols/rank/nnz, a parent digest
 * that is not 32 bytes) are programming errors: IllegalArgumentException.
 */
final class AdapterContent {
    private AdapterContent() {
    }

    /** Returns the encoded size in bytes; throws FormatException (INVALID_ADAPTER / NON_FINITE_VALUE). */
    static long check(Adapter adapter) {
        if (adapter.kind() == null || adapter.binding() == null) {
            throw new IllegalArgumentException("adapter kind and binding must be set");
        }
        byte[] parent = adapter.binding().parentSha256();
        if (parent == null || parent.length != AdapterBinding.PARENT_SHA256_LENGTH) {
            throw new IllegalArgumentException("parent SHA-256 must be 32 bytes (all zero = unbound)");
        }
        AdapterRules.checkFinite(adapter.scale(), AdapterFormat.OFFSET_SCALE, "scale");
        List<DeltaRecord> records = adapter.records();
        long offset = AdapterFormat.HEADER_LENGTH;
        long previous = 0;
        for (int i = 0; i < records.size(); i++) {
            DeltaRecord r = records.get(i);
            if (AdapterFormat.kindOf(r) != adapter.kind()) {
                throw new IllegalArgumentException("record " + i + " is " + AdapterFormat.kindOf(r)
                        + " in a " + adapter.kind() + " adapter");
            }
            AdapterRules.checkOrder(i, previous, r.nameHash(), offset);
            long rows = Integer.toUnsignedLong(r.rows());
            long cols = Integer.toUnsignedLong(r.cols());
            AdapterRules.checkShape(rows, cols, offset);
            checkBody(r, i, rows, cols, offset);
            previous = r.nameHash();
            offset += AdapterFormat.recordBytes(r);
            AdapterRules.checkSize(offset);
        }
        return offset;
    }

    private static void checkBody(DeltaRecord r, int i, long rows, long cols, long offset) {
        long elements = rows * cols;
        long body = offset + AdapterFormat.RECORD_PREFIX;
        if (r instanceof DeltaRecord.Dense d) {
            requireLength("deltas", i, d.deltas().length, elements);
            checkAllFinite(d.deltas(), body, 4, "dense delta");
        } else if (r instanceof DeltaRecord.Sparse s) {
            requireLength("deltas", i, s.deltas().length, s.indices().length);
            int[] idx = s.indices();
            for (int k = 0; k < idx.length; k++) {
                long at = body + 4 + 8L * k;
                AdapterRules.checkIndex(k, k > 0 ? Integer.toUnsignedLong(idx[k - 1]) : 0,
                        Integer.toUnsignedLong(idx[k]), elements, at);
                AdapterRules.checkFinite(s.deltas()[k], at + 4, "sparse delta");
            }
        } else {
            DeltaRecord.LowRank l = (DeltaRecord.LowRank) r;
            long rank = Integer.toUnsignedLong(l.rank());
            AdapterRules.checkRank(rank, rows, cols, body);
            requireLength("A", i, l.a().length, rows * rank);
            requireLength("B", i, l.b().length, rank * cols);
            checkAllFinite(l.a(), body + 4, 4, "low-rank A value");
            checkAllFinite(l.b(), body + 4 + 4L * l.a().length, 4, "low-rank B value");
        }
    }

    private static void requireLength(String what, int record, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("record " + record + ": " + what + " has " + actual
                    + " values, expected " + expected);
        }
    }

    private static void checkAllFinite(float[] values, long offset, int stride, String what) {
        for (int k = 0; k < values.length; k++) {
            AdapterRules.checkFinite(values[k], offset + (long) stride * k, what);
        }
    }
}
