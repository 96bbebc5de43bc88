package io.paddock.protocol.adapter;

import io.paddock.protocol.hash.FileChecksum;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses an ADP1, ASP1 or ALR1 package (C7) from its bytes, treating them as hostile:
 * size cap, magic, version 1, header_length 96, reserved 0, finite scale, C1 checksum,
 * then the records (strictly ascending unsigned name_hash, nonzero rows/cols, sparse
 * indices strictly increasing and in range, low-rank rank in 1..min(rows, cols), finite
 * values) and no trailing bytes. Every count is checked against the bytes that remain
 * before anything is allocated from it. Failures are FormatException with INVALID_ADAPTER
 * (NON_FINITE_VALUE for NaN/Inf) naming the rule, the offset and the bad value. Binding
 * to a model is {@link AdapterValidator}'s job.
 */
public final class AdapterReader {
    private AdapterReader() {
    }

    public static Adapter read(byte[] bytes) {
        if (bytes.length > AdapterFormat.MAX_BYTES) {
            throw AdapterRules.invalid(AdapterRules.SIZE_RULE, AdapterFormat.MAX_BYTES, bytes.length + " bytes");
        }
        AdapterKind kind = readMagic(bytes);
        ByteCursor in = new ByteCursor(bytes, 4);
        in.require(AdapterFormat.HEADER_LENGTH - 4, "header of " + AdapterFormat.HEADER_LENGTH + " bytes");
        long version = in.u32("version");
        if (version != AdapterFormat.VERSION) {
            throw AdapterRules.invalid("version must be 1", AdapterFormat.OFFSET_VERSION, version);
        }
        long headerLength = in.u32("header_length");
        if (headerLength != AdapterFormat.HEADER_LENGTH) {
            throw AdapterRules.invalid("header_length must be 96", AdapterFormat.OFFSET_HEADER_LENGTH, headerLength);
        }
        int flags = (int) in.u32("flags");
        int tensorCount = (int) in.u32("tensor_count");
        long payloadCount = in.u32("payload_count");
        long parameterCount = in.u64("parameter_count");
        long layout = in.u64("tensor_layout_checksum");
        long tokenizer = in.u64("tokenizer_checksum");
        byte[] parent = in.bytes(AdapterBinding.PARENT_SHA256_LENGTH, "parent_sha256");
        float scale = Float.intBitsToFloat((int) in.u32("scale"));
        long reserved = in.u32("reserved");
        long stored = in.u64("checksum");
        if (reserved != 0) {
            throw AdapterRules.invalid("reserved word must be 0", AdapterFormat.OFFSET_RESERVED, reserved);
        }
        AdapterRules.checkFinite(scale, AdapterFormat.OFFSET_SCALE, "scale");
        checkChecksum(bytes, stored);
        AdapterBinding binding = new AdapterBinding(flags, tensorCount, parameterCount, layout, tokenizer, parent);
        List<DeltaRecord> records = readRecords(in, kind, payloadCount);
        if (in.remaining() != 0) {
            throw AdapterRules.invalid("no trailing bytes after the payload_count records", in.position(),
                    in.remaining() + " trailing bytes after " + payloadCount + " records");
        }
        return new Adapter(kind, binding, scale, records);
    }

    private static AdapterKind readMagic(byte[] bytes) {
        if (bytes.length < 4) {
            throw AdapterRules.invalid("truncated: magic needs 4 bytes", 0, bytes.length + " bytes");
        }
        AdapterKind kind = AdapterKind.fromMagic(bytes, 0);
        if (kind == null) {
            throw AdapterRules.invalid("magic must be ADP1, ASP1 or ALR1", 0, "0x" + Hex.bytes(
                    new byte[] {bytes[0], bytes[1], bytes[2], bytes[3]}));
        }
        return kind;
    }

    private static void checkChecksum(byte[] bytes, long stored) {
        if (stored == 0) {
            throw AdapterRules.invalid("checksum must not be 0 (C1: a stored 0 is invalid)",
                    AdapterFormat.OFFSET_CHECKSUM, Hex.u64(stored));
        }
        long computed = FileChecksum.of(bytes, AdapterFormat.OFFSET_CHECKSUM);
        if (computed != stored) {
            throw AdapterRules.invalid("checksum must equal the C1 checksum of the file",
                    AdapterFormat.OFFSET_CHECKSUM, "stored " + Hex.u64(stored) + " != computed " + Hex.u64(computed));
        }
    }

    private static List<DeltaRecord> readRecords(ByteCursor in, AdapterKind kind, long payloadCount) {
        List<DeltaRecord> records = new ArrayList<>();
        long previous = 0;
        for (long i = 0; i < payloadCount; i++) {
            int offset = in.position();
            in.require(AdapterFormat.RECORD_PREFIX, "record " + i + " of payload_count " + payloadCount);
            long hash = in.u64("name_hash");
            AdapterRules.checkOrder(i, previous, hash, offset);
            long rows = in.u32("rows");
            long cols = in.u32("cols");
            AdapterRules.checkShape(rows, cols, offset);
            records.add(readBody(in, kind, hash, (int) rows, (int) cols));
            previous = hash;
        }
        return records;
    }

    private static DeltaRecord readBody(ByteCursor in, AdapterKind kind, long hash, int rows, int cols) {
        long elements = (long) rows * cols;
        if (kind == AdapterKind.DENSE) {
            in.require(4 * elements, "dense record of " + rows + "x" + cols);
            return new DeltaRecord.Dense(hash, rows, cols, in.finiteF32s((int) elements, "dense delta"));
        } else if (kind == AdapterKind.SPARSE) {
            return readSparse(in, hash, rows, cols, elements);
        } else {
            int rankAt = in.position();
            long rank = in.u32("rank");
            AdapterRules.checkRank(rank, rows, cols, rankAt);
            long aCount = rows * rank;
            long bCount = rank * cols;
            in.require(4 * (aCount + bCount), "low-rank record of " + rows + "x" + cols + " rank " + rank);
            float[] a = in.finiteF32s((int) aCount, "low-rank A value");
            float[] b = in.finiteF32s((int) bCount, "low-rank B value");
            return new DeltaRecord.LowRank(hash, rows, cols, (int) rank, a, b);
        }
    }

    private static DeltaRecord readSparse(ByteCursor in, long hash, int rows, int cols, long elements) {
        long nnz = in.u32("nnz");
        in.require(8 * nnz, "sparse record of nnz " + nnz);
        int[] indices = new int[(int) nnz];
        float[] deltas = new float[(int) nnz];
        long previous = 0;
        for (int k = 0; k < nnz; k++) {
            int at = in.position();
            long index = in.u32("sparse index");
            AdapterRules.checkIndex(k, previous, index, elements, at);
            indices[k] = (int) index;
            deltas[k] = in.finiteF32("sparse delta");
            previous = index;
        }
        return new DeltaRecord.Sparse(hash, rows, cols, indices, deltas);
    }
}
