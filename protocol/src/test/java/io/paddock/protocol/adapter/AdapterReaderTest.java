package io.paddock.protocol.adapter;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.SlmModel;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

import static io.paddock.protocol.adapter.AdapterBytes.fixChecksum;
import static io.paddock.protocol.adapter.AdapterBytes.setF32;
import static io.paddock.protocol.adapter.AdapterBytes.setU32;
import static io.paddock.protocol.adapter.AdapterBytes.setU64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AdapterReaderTest {
    private static final SlmModel MODEL = TestModels.model(11, DType.F32);
    private static final long WQ = AdapterBytes.hash("layers.1.wq.weight");

    /** One sparse record at 96: hash 96, rows 104, cols 108, nnz 112, then pairs at 116 + 8k. */
    private static final byte[] SPARSE = AdapterWriter.write(new Adapter(AdapterKind.SPARSE,
            AdapterBinding.of(MODEL, null), 1f, List.of(new DeltaRecord.Sparse(WQ, 32, 32,
                    new int[] {64, 65, 90, 191}, new float[] {0.25f, -0.125f, 0.5f, 0.0625f}))));
    /** One dense record 1x32 at 96 (deltas from 112), then a second 16x32 record. */
    private static final byte[] DENSE = AdapterWriter.write(AdapterBytes.dense(MODEL, 1f));
    /** One low-rank record 32x64 rank 2 at 96: rank at 112, A from 116, B from 116 + 256. */
    private static final byte[] LOW_RANK = AdapterWriter.write(AdapterBytes.lowRank(MODEL, 1f));

    private static FormatException fails(byte[] bytes, ErrorCode code, String rulePart, long offset) {
        FormatException e = catchThrowableOfType(FormatException.class, () -> AdapterReader.read(bytes));
        assertThat(e).as("expected a FormatException").isNotNull();
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.rule()).contains(rulePart);
        assertThat(e.offset()).isEqualTo(offset);
        assertThat(e.getMessage()).contains(rulePart).contains("offset " + offset);
        return e;
    }

    @Test
    void validFilesRead() {
        assertThat(AdapterReader.read(SPARSE).kind()).isEqualTo(AdapterKind.SPARSE);
        assertThat(AdapterReader.read(DENSE).kind()).isEqualTo(AdapterKind.DENSE);
        assertThat(AdapterReader.read(LOW_RANK).kind()).isEqualTo(AdapterKind.LOW_RANK);
    }

    @Test
    void sizeIsCappedBeforeAnythingElse() {
        byte[] huge = new byte[AdapterFormat.MAX_BYTES + 1];
        FormatException e = fails(huge, ErrorCode.INVALID_ADAPTER, "at most 268435456 bytes", AdapterFormat.MAX_BYTES);
        assertThat(e.badValue()).isEqualTo((AdapterFormat.MAX_BYTES + 1) + " bytes");
    }

    @Test
    void magic() {
        fails(new byte[] {'A', 'D'}, ErrorCode.INVALID_ADAPTER, "truncated: magic needs 4 bytes", 0);
        byte[] b = SPARSE.clone();
        b[3] = '2';
        FormatException e = fails(b, ErrorCode.INVALID_ADAPTER, "magic must be ADP1, ASP1 or ALR1", 0);
        assertThat(e.badValue()).isEqualTo("0x41535032");
        byte[] slm = Arrays.copyOf(SPARSE, 200);
        System.arraycopy(new byte[] {'S', 'L', 'M', '1'}, 0, slm, 0, 4);
        fails(slm, ErrorCode.INVALID_ADAPTER, "magic", 0);
    }

    @Test
    void truncatedHeader() {
        FormatException e = fails(Arrays.copyOf(SPARSE, 50), ErrorCode.INVALID_ADAPTER,
                "truncated: header of 96 bytes needs 92 bytes", 4);
        assertThat(e.badValue()).isEqualTo("46 bytes remain");
    }

    @Test
    void versionHeaderLengthAndReserved() {
        assertThat(fails(setU32(SPARSE, 4, 0xFFFFFFFFL), ErrorCode.INVALID_ADAPTER, "version must be 1", 4)
                .badValue()).isEqualTo("4294967295");
        assertThat(fails(setU32(SPARSE, 8, 108), ErrorCode.INVALID_ADAPTER, "header_length must be 96", 8)
                .badValue()).isEqualTo("108");
        assertThat(fails(fixChecksum(setU32(SPARSE, 84, 1)), ErrorCode.INVALID_ADAPTER, "reserved word must be 0", 84)
                .badValue()).isEqualTo("1");
    }

    @Test
    void scaleMustBeFinite() {
        fails(fixChecksum(setF32(SPARSE, 80, Float.NaN)), ErrorCode.NON_FINITE_VALUE, "scale must be finite", 80);
        FormatException e = fails(fixChecksum(setF32(SPARSE, 80, Float.NEGATIVE_INFINITY)),
                ErrorCode.NON_FINITE_VALUE, "scale must be finite", 80);
        assertThat(e.badValue()).contains("-Infinity").contains("0xff800000");
    }

    @Test
    void checksum() {
        fails(setU64(SPARSE, 88, 0), ErrorCode.INVALID_ADAPTER, "checksum must not be 0", 88);
        byte[] flipped = SPARSE.clone();
        flipped[130] ^= 0x10;
        FormatException e = fails(flipped, ErrorCode.INVALID_ADAPTER, "checksum must equal the C1 checksum", 88);
        assertThat(e.badValue()).startsWith("stored 0x").contains(" != computed 0x");
        byte[] header = SPARSE.clone();
        header[40] ^= 1;
        fails(header, ErrorCode.INVALID_ADAPTER, "checksum must equal", 88);
    }

    @Test
    void recordsStrictlyAscendingByUnsignedHash() {
        byte[] record = Arrays.copyOfRange(SPARSE, 96, SPARSE.length);
        byte[] twice = fixChecksum(setU32(AdapterBytes.concat(SPARSE, record), 20, 2));
        FormatException dup = fails(twice, ErrorCode.INVALID_ADAPTER,
                "strictly ascending unsigned name_hash, each tensor at most once", SPARSE.length);
        assertThat(dup.badValue()).contains("record 1").contains(Hex.u64(WQ));

        // a first record with the top bit set sorts after a small hash, unsigned
        byte[] second = setU64(record, 0, 5);
        byte[] first = setU64(record, 0, 0x8000_0000_0000_0000L);
        byte[] descending = fixChecksum(setU32(AdapterBytes.concat(AdapterBytes.concat(
                Arrays.copyOf(SPARSE, 96), first), second), 20, 2));
        fails(descending, ErrorCode.INVALID_ADAPTER, "strictly ascending", SPARSE.length);
        byte[] ascending = fixChecksum(setU32(AdapterBytes.concat(AdapterBytes.concat(
                Arrays.copyOf(SPARSE, 96), second), first), 20, 2));
        assertThat(AdapterReader.read(ascending).records()).hasSize(2);
    }

    @Test
    void rowsAndColsNonzeroAndBounded() {
        fails(fixChecksum(setU32(SPARSE, 104, 0)), ErrorCode.INVALID_ADAPTER, "rows must be nonzero", 104);
        fails(fixChecksum(setU32(SPARSE, 108, 0)), ErrorCode.INVALID_ADAPTER, "cols must be nonzero", 108);
        byte[] big = fixChecksum(setU32(setU32(SPARSE, 104, 0xFFFFFFFFL), 108, 0xFFFFFFFFL));
        assertThat(fails(big, ErrorCode.INVALID_ADAPTER, "rows*cols must be at most 2147483647", 104).badValue())
                .isEqualTo("4294967295x4294967295");
        fails(fixChecksum(setU32(setU32(SPARSE, 104, 65536), 108, 32768)), ErrorCode.INVALID_ADAPTER,
                "rows*cols must be at most", 104);
    }

    @Test
    void denseRecordLargerThanTheFileIsRejectedWithoutAllocating() {
        byte[] hostile = fixChecksum(setU32(setU32(DENSE, 104, 46340), 108, 46340));
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        FormatException e = fails(hostile, ErrorCode.INVALID_ADAPTER, "truncated: dense record of 46340x46340", 112);
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(allocated).isLessThan(1 << 20);
        assertThat(e.rule()).contains("needs " + 4L * 46340 * 46340 + " bytes");
    }

    @Test
    void sparseCountsAndIndices() {
        fails(fixChecksum(setU32(SPARSE, 112, 0xFFFFFFFFL)), ErrorCode.INVALID_ADAPTER,
                "truncated: sparse record of nnz 4294967295", 116);
        assertThat(fails(fixChecksum(setU32(SPARSE, 140, 1024)), ErrorCode.INVALID_ADAPTER,
                "sparse index must be < rows*cols = 1024", 140).badValue()).isEqualTo("1024");
        assertThat(fails(fixChecksum(setU32(SPARSE, 124, 64)), ErrorCode.INVALID_ADAPTER,
                "sparse indices must be strictly increasing", 124).badValue()).isEqualTo("64 after 64");
        fails(fixChecksum(setU32(SPARSE, 124, 3)), ErrorCode.INVALID_ADAPTER, "strictly increasing", 124);
        fails(fixChecksum(setU32(SPARSE, 116, 0xFFFFFFFFL)), ErrorCode.INVALID_ADAPTER, "sparse index must be <", 116);
        fails(fixChecksum(setF32(SPARSE, 128, Float.NaN)), ErrorCode.NON_FINITE_VALUE, "sparse delta must be finite", 128);
    }

    @Test
    void lowRankRank() {
        assertThat(fails(fixChecksum(setU32(LOW_RANK, 112, 0)), ErrorCode.INVALID_ADAPTER,
                "rank must be in 1..min(rows, cols) = 1..32", 112).badValue()).isEqualTo("0");
        fails(fixChecksum(setU32(LOW_RANK, 112, 33)), ErrorCode.INVALID_ADAPTER, "rank must be in 1..", 112);
        fails(fixChecksum(setU32(LOW_RANK, 112, 32)), ErrorCode.INVALID_ADAPTER,
                "truncated: low-rank record of 32x64 rank 32", 116);
        fails(fixChecksum(setF32(LOW_RANK, 116 + 4 * 5, Float.POSITIVE_INFINITY)), ErrorCode.NON_FINITE_VALUE,
                "low-rank A value must be finite", 116 + 4 * 5);
        fails(fixChecksum(setF32(LOW_RANK, 116 + 4 * 64 + 4, Float.NaN)), ErrorCode.NON_FINITE_VALUE,
                "low-rank B value must be finite", 116 + 4 * 64 + 4);
    }

    @Test
    void denseValuesFinite() {
        fails(fixChecksum(setF32(DENSE, 112 + 8, Float.NaN)), ErrorCode.NON_FINITE_VALUE,
                "dense delta must be finite", 120);
    }

    @Test
    void payloadCountMustEqualTheRecords() {
        FormatException more = fails(fixChecksum(setU32(SPARSE, 20, 2)), ErrorCode.INVALID_ADAPTER,
                "truncated: record 1 of payload_count 2 needs 16 bytes", SPARSE.length);
        assertThat(more.badValue()).isEqualTo("0 bytes remain");
        FormatException fewer = fails(fixChecksum(setU32(SPARSE, 20, 0)), ErrorCode.INVALID_ADAPTER,
                "no trailing bytes", 96);
        assertThat(fewer.badValue()).isEqualTo((SPARSE.length - 96) + " trailing bytes after 0 records");
        fails(fixChecksum(setU32(SPARSE, 20, 0xFFFFFFFFL)), ErrorCode.INVALID_ADAPTER,
                "truncated: record 1 of payload_count 4294967295", SPARSE.length);
    }

    @Test
    void noTrailingBytes() {
        byte[] trailing = fixChecksum(AdapterBytes.concat(SPARSE, new byte[4]));
        assertThat(fails(trailing, ErrorCode.INVALID_ADAPTER, "no trailing bytes", SPARSE.length).badValue())
                .isEqualTo("4 trailing bytes after 1 records");
    }

    @Test
    void truncatedRecordBody() {
        byte[] cut = fixChecksum(Arrays.copyOf(SPARSE, SPARSE.length - 3));
        fails(cut, ErrorCode.INVALID_ADAPTER, "truncated: sparse record of nnz 4 needs 32 bytes", 116);
    }

    @Test
    void writerRefusesWhatTheReaderWouldReject() {
        AdapterBinding binding = AdapterBinding.of(MODEL, null);
        assertThatThrownBy(() -> AdapterWriter.write(new Adapter(AdapterKind.SPARSE, binding, 1f, List.of(
                new DeltaRecord.Sparse(WQ, 32, 32, new int[] {5, 5}, new float[] {1, 1})))))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ADAPTER);
                    assertThat(e.rule()).contains("strictly increasing");
                    assertThat(e.offset()).isEqualTo(124);
                });
        assertThatThrownBy(() -> AdapterWriter.write(new Adapter(AdapterKind.DENSE, binding, Float.NaN, List.of())))
                .isInstanceOfSatisfying(FormatException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NON_FINITE_VALUE));
        assertThatThrownBy(() -> AdapterWriter.write(new Adapter(AdapterKind.DENSE, binding, 1f, List.of(
                new DeltaRecord.Dense(5, 1, 2, new float[] {0, 0}),
                new DeltaRecord.Dense(4, 1, 2, new float[] {0, 0})))))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.rule()).contains("strictly ascending");
                    assertThat(e.offset()).isEqualTo(96 + 24);
                });
        assertThatThrownBy(() -> AdapterWriter.write(new Adapter(AdapterKind.DENSE, binding, 1f, List.of(
                new DeltaRecord.Dense(5, 2, 2, new float[] {0, 0})))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 4");
        assertThatThrownBy(() -> AdapterWriter.write(new Adapter(AdapterKind.DENSE, binding, 1f, List.of(
                new DeltaRecord.Sparse(5, 2, 2, new int[] {0}, new float[] {0})))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SPARSE in a DENSE adapter");
        assertThatThrownBy(() -> AdapterWriter.write(new Adapter(AdapterKind.LOW_RANK, binding, 1f, List.of(
                new DeltaRecord.LowRank(5, 2, 3, 3, new float[6], new float[9])))))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.rule()).contains("rank must be in 1..min(rows, cols) = 1..2");
                    assertThat(e.offset()).isEqualTo(112);
                });
        assertThatThrownBy(() -> AdapterWriter.write(new Adapter(AdapterKind.DENSE,
                new AdapterBinding(0, 0, 0, 0, 0, new byte[31]), 1f, List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }
}
