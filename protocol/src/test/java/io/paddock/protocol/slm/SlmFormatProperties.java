package io.paddock.protocol.slm;

import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.io.ByteSource;
import io.paddock.protocol.io.LittleEndian;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Hostile input: truncations, bit flips and field mutations of valid packages only ever yield
 * {@link FormatException} (or a valid model), and the parse never allocates more than
 * {@value #ALLOCATION_FACTOR} × the input's size plus a fixed {@value #ALLOCATION_SLACK} bytes.
 */
class SlmFormatProperties {
    private static final int ALLOCATION_FACTOR = 8;
    private static final long ALLOCATION_SLACK = 256 * 1024;
    private static final int UNIFORM_MAX = 1 << 30;

    private static final List<byte[]> VALID = List.of(
            TestModels.tiny(DType.F32, TokenizerSpec.btok(), false, 1),
            TestModels.tiny(DType.Q8_0, TokenizerSpec.bpe(300), true, 2),
            TestModels.tiny(DType.Q4_0, TokenizerSpec.bpe(600), false, 3),
            TestModels.tiny(DType.Q8_0, TokenizerSpec.btok(), false, 4),
            TestModels.tiny(DType.F32, TokenizerSpec.bpe(280), true, 5),
            TestModels.tiny(DType.Q4_0, TokenizerSpec.btok(), true, 6));

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        for (byte[] b : VALID) {           // warm up class loading outside the measurements
            SlmReader.read(ByteSource.of(b));
            try {
                SlmReader.read(ByteSource.of(Arrays.copyOf(b, 200)));
            } catch (FormatException expected) {
                // fine
            }
        }
    }

    /** Parses {@code bytes}; anything but success or FormatException, or too much allocation, fails the property. */
    private static void parseOnlyFailsWithFormatException(byte[] bytes) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Throwable thrown = null;
        try {
            SlmReader.read(ByteSource.of(bytes));
        } catch (Throwable t) {
            thrown = t;
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        if (thrown != null && !(thrown instanceof FormatException)) {
            fail("expected only FormatException, got " + thrown, thrown);
        }
        Statistics.collect(thrown == null ? "valid" : ((FormatException) thrown).code().publishedName());
        if (thrown != null) {
            FormatException e = (FormatException) thrown;
            assertThat(e.rule()).isNotBlank();
            assertThat(e.offset()).isBetween(-1L, (long) Math.max(bytes.length, 1) + 64);
        }
        assertThat(allocated).as("bytes allocated parsing %d input bytes", bytes.length)
                .isLessThanOrEqualTo(ALLOCATION_FACTOR * (long) bytes.length + ALLOCATION_SLACK);
    }

    @Property(tries = 400)
    void truncations(@ForAll @IntRange(max = 5) int which, @ForAll("uniform") int cut,
                     @ForAll boolean fixChecksum) {
        byte[] valid = VALID.get(which);
        byte[] b = Arrays.copyOf(valid, (int) ((long) cut * valid.length / (UNIFORM_MAX + 1L)));
        if (fixChecksum && b.length >= SlmFormat.HEADER_LENGTH) {
            TestModels.fixChecksum(b);
        }
        parseOnlyFailsWithFormatException(b);
    }

    @Property(tries = 600)
    void bitFlips(@ForAll @IntRange(max = 5) int which, @ForAll @IntRange(min = 1, max = 4) int flips,
                  @ForAll("uniform") int position, @ForAll boolean headerRegion,
                  @ForAll boolean fixChecksum) {
        byte[] b = VALID.get(which).clone();
        int region = headerRegion ? TestModels.entry(b, 0) + 64 * 3 : b.length;   // header, tokenizer, first entries
        long p = position;
        for (int i = 0; i < flips; i++) {
            int at = (int) (p % region);
            b[at] ^= (byte) (1 << (p % 8));
            p = p * 31 + 17;
        }
        if (fixChecksum) {
            TestModels.fixChecksum(b);
        }
        parseOnlyFailsWithFormatException(b);
    }

    @Property(tries = 1000)
    void fieldMutations(@ForAll @IntRange(max = 5) int which, @ForAll("fields") int field,
                        @ForAll @IntRange(max = 63) int entry, @ForAll("values") long value) {
        byte[] b = VALID.get(which).clone();
        int[] at = locate(b, field, entry);
        if (at[1] == 8) {
            LittleEndian.putLong(b, at[0], value);
        } else {
            LittleEndian.putInt(b, at[0], (int) value);
        }
        if (at[0] != SlmFormat.OFF_CHECKSUM) {
            TestModels.fixChecksum(b);
        }
        parseOnlyFailsWithFormatException(b);
    }

    /** Field index → {absolute offset, width}: header fields, then directory entry fields, then tokenizer fields. */
    private static int[] locate(byte[] b, int field, int entry) {
        int[][] header = {{4, 4}, {8, 4}, {12, 4}, {16, 4}, {20, 4}, {24, 4}, {28, 4}, {32, 4}, {36, 4}, {40, 4},
                {44, 4}, {48, 4}, {52, 4}, {56, 4}, {60, 4}, {64, 8}, {72, 8}, {80, 8}, {88, 4}, {92, 8}, {100, 8}};
        int[][] dir = {{0, 8}, {8, 4}, {12, 4}, {16, 4}, {20, 4}, {24, 4}, {28, 4}, {32, 8}, {40, 8}, {48, 8},
                {56, 4}, {60, 4}};
        if (field < header.length) {
            return header[field];
        }
        field -= header.length;
        if (field < dir.length) {
            int count = LittleEndian.getInt(b, SlmFormat.OFF_TENSOR_COUNT);
            return new int[] {TestModels.entry(b, entry % count) + dir[field][0], dir[field][1]};
        }
        field -= dir.length;
        int tokenizerLength = (int) LittleEndian.getLong(b, SlmFormat.OFF_TOKENIZER_LENGTH);
        int[] tok = {0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, tokenizerLength - 16, tokenizerLength - 12,
                tokenizerLength - 8, tokenizerLength - 4};
        return new int[] {SlmFormat.HEADER_LENGTH + Math.min(tok[field], tokenizerLength - 4), 4};
    }

    @Provide
    Arbitrary<Integer> uniform() {
        return Arbitraries.integers().between(0, UNIFORM_MAX).withDistribution(RandomDistribution.uniform());
    }

    @Provide
    Arbitrary<Integer> fields() {
        return Arbitraries.integers().between(0, 21 + 12 + 15 - 1);
    }

    @Provide
    Arbitrary<Long> values() {
        return Arbitraries.oneOf(
                Arbitraries.of(0L, 1L, 2L, 3L, 4L, 7L, 8L, 16L, 31L, 32L, 63L, 64L, 65L, 107L, 108L, 109L, 255L, 256L,
                        259L, 260L, 261L, 1000L, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL, 0x100000000L,
                        Long.MAX_VALUE, Long.MIN_VALUE, -1L, -64L,
                        (long) Float.floatToIntBits(Float.NaN), (long) Float.floatToIntBits(Float.POSITIVE_INFINITY),
                        (long) Float.floatToIntBits(-1f), (long) Float.floatToIntBits(1e-30f)),
                Arbitraries.longs().between(0, 1 << 20),
                Arbitraries.longs());
    }
}
