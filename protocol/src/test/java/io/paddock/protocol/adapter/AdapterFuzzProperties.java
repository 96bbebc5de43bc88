package io.paddock.protocol.adapter;

import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.SlmModel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input: truncations, bit flips and field mutations of valid adapters of every
 * kind only ever yield FormatException (or, for harmless mutations, a valid adapter), and
 * reading never allocates more than a small multiple of the input's size.
 */
class AdapterFuzzProperties {
    /** Allowed allocation: this many times the input, plus a constant for the exception and its message. */
    private static final long ALLOCATION_FACTOR = 4;
    private static final long ALLOCATION_SLACK = 64 * 1024;

    private static final List<byte[]> VALID = validAdapters();

    private static List<byte[]> validAdapters() {
        SlmModel m = TestModels.model(61, DType.F32);
        List<byte[]> out = new ArrayList<>();
        out.add(AdapterWriter.write(AdapterBytes.dense(m, 0.5f)));
        out.add(AdapterWriter.write(AdapterBytes.sparse(m, 2f)));
        out.add(AdapterWriter.write(AdapterBytes.lowRank(m, 1f)));
        for (AdapterKind kind : AdapterKind.values()) {
            out.add(AdapterWriter.write(RandomAdapters.generate(m, AdapterRoundTripTest.sha(1),
                    RandomAdapterSpec.defaults(kind, 17).withTensors("*norm*").withDensity(0.2).withBindParent(true))));
            out.add(AdapterWriter.write(RandomAdapters.generate(m, null,
                    RandomAdapterSpec.defaults(kind, 18).withTensors("layers.1.w?.weight").withRank(2))));
        }
        return out;
    }

    @Provide
    Arbitrary<byte[]> valid() {
        return Arbitraries.of(VALID);
    }

    /** Offsets of every header field and of every record field of a valid adapter. */
    private static List<Integer> fieldOffsets(byte[] valid) {
        List<Integer> offsets = new ArrayList<>(List.of(0, 4, 8, 12, 16, 20, 24, 28, 32, 40, 48, 80, 84, 88));
        Adapter a = AdapterReader.read(valid);
        long at = AdapterFormat.HEADER_LENGTH;
        for (DeltaRecord r : a.records()) {
            int o = (int) at;
            offsets.addAll(List.of(o, o + 4, o + 8, o + 12, o + 16, o + 20, o + 24));
            if (r instanceof DeltaRecord.Sparse s) {
                for (int k = 0; k < Math.min(3, s.indices().length); k++) {
                    offsets.add(o + 20 + 8 * k);
                }
            }
            at += AdapterFormat.recordBytes(r);
        }
        offsets.removeIf(o -> o + 4 > valid.length);
        return offsets;
    }

    private static final long[] INTERESTING = {0, 1, 2, 3, 31, 32, 33, 64, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL,
            0xFFFFFFFEL, 46341, 65536, 0x7F800000L, 0x7FC00000L, 0xFF800000L};

    @Property(tries = 400)
    void truncationsOnlyYieldFormatErrors(@ForAll("valid") byte[] valid, @ForAll @IntRange(min = 0, max = 1 << 20) int cut) {
        byte[] bytes = Arrays.copyOf(valid, cut % valid.length);
        assertOnlyFormatErrors(bytes, false);
        assertOnlyFormatErrors(AdapterBytes.fixChecksumIfLongEnough(bytes), false);
    }

    @Property(tries = 600)
    void bitFlipsOnlyYieldFormatErrors(@ForAll("valid") byte[] valid, @ForAll @IntRange(min = 0, max = 1 << 20) int position,
                                       @ForAll @IntRange(min = 0, max = 7) int bit, @ForAll boolean repairChecksum) {
        byte[] bytes = valid.clone();
        int p = position % bytes.length;
        bytes[p] ^= (byte) (1 << bit);
        boolean inChecksum = p >= AdapterFormat.OFFSET_CHECKSUM && p < AdapterFormat.OFFSET_CHECKSUM + 8;
        if (repairChecksum && !inChecksum) {
            bytes = AdapterBytes.fixChecksum(bytes);
        }
        assertOnlyFormatErrors(bytes, !repairChecksum || inChecksum);
    }

    @Property(tries = 800)
    void fieldMutationsOnlyYieldFormatErrors(@ForAll("valid") byte[] valid, @ForAll @IntRange(min = 0, max = 1000) int field,
                                             @ForAll @IntRange(min = 0, max = 100) int choice, @ForAll int random,
                                             @ForAll boolean wide) {
        List<Integer> offsets = fieldOffsets(valid);
        int offset = offsets.get(field % offsets.size());
        long value = choice < INTERESTING.length ? INTERESTING[choice] : (random & 0xFFFFFFFFL);
        byte[] bytes = wide && offset + 8 <= valid.length
                ? AdapterBytes.setU64(valid, offset, value | (value << 32))
                : AdapterBytes.setU32(valid, offset, value);
        if (offset != AdapterFormat.OFFSET_CHECKSUM) {
            bytes = AdapterBytes.fixChecksum(bytes);
        }
        assertOnlyFormatErrors(bytes, false);
    }

    @Property(tries = 200)
    void appendedBytesOnlyYieldFormatErrors(@ForAll("valid") byte[] valid, @ForAll @IntRange(min = 1, max = 64) int extra) {
        byte[] bytes = AdapterBytes.fixChecksum(Arrays.copyOf(valid, valid.length + extra));
        assertOnlyFormatErrors(bytes, true);
    }

    /** Reads twice (the first warms up class loading and call sites) and bounds the second read's allocation. */
    private static void assertOnlyFormatErrors(byte[] bytes, boolean mustFail) {
        boolean failed = readOnlyFormatErrors(bytes);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        readOnlyFormatErrors(bytes);
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(allocated).as("bytes allocated reading %d input bytes", bytes.length)
                .isLessThanOrEqualTo(ALLOCATION_FACTOR * bytes.length + ALLOCATION_SLACK);
        if (mustFail) {
            assertThat(failed).as("corrupt input must be rejected").isTrue();
        }
    }

    private static boolean readOnlyFormatErrors(byte[] bytes) {
        try {
            Adapter a = AdapterReader.read(bytes);
            // whatever is accepted must be well formed: it writes back to exactly the same bytes
            assertThat(AdapterWriter.write(a)).isEqualTo(bytes);
            return false;
        } catch (FormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return true;
        }
    }
}
