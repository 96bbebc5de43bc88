package io.paddock.protocol.adapter;

/**
 * The C7 byte layout of adapter packages, version 1: header field offsets, sizes and the
 * size limit Paddock enforces on adapter files.
 */
public final class AdapterFormat {
    public static final int VERSION = 1;
    public static final int HEADER_LENGTH = 96;
    /** Largest adapter file Paddock reads or writes (256 MiB). */
    public static final int MAX_BYTES = 256 * 1024 * 1024;
    /** Largest element count (rows*cols) of one record: a Java array's limit. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE;

    public static final int OFFSET_VERSION = 4;
    public static final int OFFSET_HEADER_LENGTH = 8;
    public static final int OFFSET_FLAGS = 12;
    public static final int OFFSET_TENSOR_COUNT = 16;
    public static final int OFFSET_PAYLOAD_COUNT = 20;
    public static final int OFFSET_PARAMETER_COUNT = 24;
    public static final int OFFSET_LAYOUT_CHECKSUM = 32;
    public static final int OFFSET_TOKENIZER_CHECKSUM = 40;
    public static final int OFFSET_PARENT_SHA256 = 48;
    public static final int OFFSET_SCALE = 80;
    public static final int OFFSET_RESERVED = 84;
    public static final int OFFSET_CHECKSUM = 88;

    /** Bytes of a record's common prefix: {@code u64 name_hash, u32 rows, u32 cols}. */
    public static final int RECORD_PREFIX = 16;

    private AdapterFormat() {
    }

    /** Encoded size of one record, in bytes (assumes its arrays have their declared lengths). */
    public static long recordBytes(DeltaRecord record) {
        if (record instanceof DeltaRecord.Dense d) {
            return RECORD_PREFIX + 4L * d.deltas().length;
        } else if (record instanceof DeltaRecord.Sparse s) {
            return RECORD_PREFIX + 4L + 8L * s.indices().length;
        } else {
            DeltaRecord.LowRank l = (DeltaRecord.LowRank) record;
            return RECORD_PREFIX + 4L + 4L * l.a().length + 4L * l.b().length;
        }
    }

    /** The kind a record belongs to. */
    public static AdapterKind kindOf(DeltaRecord record) {
        if (record instanceof DeltaRecord.Dense) {
            return AdapterKind.DENSE;
        } else if (record instanceof DeltaRecord.Sparse) {
            return AdapterKind.SPARSE;
        } else {
            return AdapterKind.LOW_RANK;
        }
    }
}
