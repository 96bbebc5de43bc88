package io.paddock.protocol.adapter;

import io.paddock.protocol.hash.FileChecksum;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.SlmModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AdapterRoundTripTest {
    private static final SlmModel MODEL = TestModels.model(7, DType.F32);

    private static Adapter handMade(AdapterKind kind) {
        if (kind == AdapterKind.DENSE) {
            return AdapterBytes.dense(MODEL, 0.5f);
        }
        return kind == AdapterKind.SPARSE ? AdapterBytes.sparse(MODEL, 2f) : AdapterBytes.lowRank(MODEL, -1.5f);
    }

    @ParameterizedTest
    @EnumSource(AdapterKind.class)
    void handMadeAdaptersRoundTripByteIdentically(AdapterKind kind, @TempDir Path dir) throws IOException {
        Adapter a = handMade(kind);
        byte[] bytes = AdapterWriter.write(a);
        Path file = dir.resolve("a" + kind.extension());
        Files.write(file, bytes);
        Adapter back = AdapterReader.read(Files.readAllBytes(file));

        assertSameAdapter(back, a);
        assertThat(AdapterWriter.write(back)).isEqualTo(bytes);
        assertThat(AdapterWriter.write(a)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @EnumSource(AdapterKind.class)
    void randomAdaptersRoundTripByteIdentically(AdapterKind kind) {
        Adapter a = RandomAdapters.generate(MODEL, sha(3), RandomAdapterSpec.defaults(kind, 42)
                .withDensity(0.05).withBindParent(true));
        byte[] bytes = AdapterWriter.write(a);
        Adapter back = AdapterReader.read(bytes);
        assertSameAdapter(back, a);
        assertThat(AdapterWriter.write(back)).isEqualTo(bytes);
        assertThat(back.binding().parentSha256()).isEqualTo(sha(3));
    }

    @Test
    void headerLayoutIsExactlyC7() {
        Adapter a = AdapterBytes.sparse(MODEL, 2f);
        byte[] b = AdapterWriter.write(a);
        AdapterBinding m = AdapterBinding.of(MODEL, null);

        assertThat(new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ASP1");
        assertThat(AdapterBytes.u32(b, 4)).isEqualTo(1);
        assertThat(AdapterBytes.u32(b, 8)).isEqualTo(96);
        assertThat(AdapterBytes.u32(b, 12)).isEqualTo(m.modelFlags());
        assertThat(AdapterBytes.u32(b, 16)).isEqualTo(m.tensorCount());
        assertThat(AdapterBytes.u32(b, 20)).isEqualTo(2);
        assertThat(AdapterBytes.u64(b, 24)).isEqualTo(m.parameterCount());
        assertThat(AdapterBytes.u64(b, 32)).isEqualTo(m.tensorLayoutChecksum());
        assertThat(AdapterBytes.u64(b, 40)).isEqualTo(m.tokenizerChecksum());
        for (int i = 48; i < 80; i++) {
            assertThat(b[i]).isZero();
        }
        assertThat(Float.intBitsToFloat((int) AdapterBytes.u32(b, 80))).isEqualTo(2f);
        assertThat(AdapterBytes.u32(b, 84)).isZero();
        assertThat(AdapterBytes.u64(b, 88)).isEqualTo(FileChecksum.of(b, 88)).isNotZero();

        // records: 16-byte prefix, u32 nnz, then (u32 index, f32 delta) pairs, no padding
        DeltaRecord.Sparse first = (DeltaRecord.Sparse) a.records().get(0);
        assertThat(AdapterBytes.u64(b, 96)).isEqualTo(first.nameHash());
        assertThat(AdapterBytes.u32(b, 104)).isEqualTo(first.rows());
        assertThat(AdapterBytes.u32(b, 108)).isEqualTo(first.cols());
        assertThat(AdapterBytes.u32(b, 112)).isEqualTo(first.indices().length);
        assertThat(AdapterBytes.u32(b, 116)).isEqualTo(first.indices()[0]);
        assertThat(Float.intBitsToFloat((int) AdapterBytes.u32(b, 120))).isEqualTo(first.deltas()[0]);
        long expectedSize = 96 + 20 + 8L * 4 + 20 + 8L * 1;
        assertThat(b).hasSize((int) expectedSize);
    }

    @Test
    void denseAndLowRankBodiesAreRowMajorFloats() {
        byte[] d = AdapterWriter.write(AdapterBytes.dense(MODEL, 1f));
        DeltaRecord.Dense first = (DeltaRecord.Dense) AdapterReader.read(d).records().get(0);
        assertThat(Float.intBitsToFloat((int) AdapterBytes.u32(d, 96 + 16 + 4 * 5))).isEqualTo(first.deltas()[5]);
        assertThat(d).hasSize(96 + 16 + 4 * 32 + 16 + 4 * 16 * 32);

        byte[] l = AdapterWriter.write(AdapterBytes.lowRank(MODEL, 1f));
        DeltaRecord.LowRank lr = (DeltaRecord.LowRank) AdapterBytes.lowRank(MODEL, 1f).records().get(0);
        assertThat(AdapterBytes.u32(l, 112)).isEqualTo(2);
        assertThat(Float.intBitsToFloat((int) AdapterBytes.u32(l, 116 + 4 * 3))).isEqualTo(lr.a()[3]);
        assertThat(Float.intBitsToFloat((int) AdapterBytes.u32(l, 116 + 4 * 64 + 4 * 7))).isEqualTo(lr.b()[7]);
        assertThat(l).hasSize(96 + 20 + 4 * (64 + 128));
    }

    @Test
    void emptyAdapterAndNegativeZeroDeltasRoundTrip() {
        Adapter empty = new Adapter(AdapterKind.DENSE, AdapterBinding.of(MODEL, null), 1f, List.of());
        byte[] e = AdapterWriter.write(empty);
        assertThat(e).hasSize(96);
        assertThat(AdapterReader.read(e).records()).isEmpty();

        Adapter negZero = new Adapter(AdapterKind.DENSE, AdapterBinding.of(MODEL, null), -0f, List.of(
                new DeltaRecord.Dense(AdapterBytes.hash("norm.weight"), 1, 32, new float[32])));
        ((DeltaRecord.Dense) negZero.records().get(0)).deltas()[3] = -0f;
        byte[] n = AdapterWriter.write(negZero);
        assertThat(AdapterWriter.write(AdapterReader.read(n))).isEqualTo(n);
        assertThat(Float.floatToRawIntBits(AdapterReader.read(n).scale())).isEqualTo(Float.floatToRawIntBits(-0f));
    }

    static byte[] sha(int seed) {
        byte[] s = new byte[32];
        for (int i = 0; i < 32; i++) {
            s[i] = (byte) (seed * 31 + i);
        }
        return s;
    }

    static void assertSameAdapter(Adapter actual, Adapter expected) {
        assertThat(actual.kind()).isEqualTo(expected.kind());
        assertThat(Float.floatToRawIntBits(actual.scale())).isEqualTo(Float.floatToRawIntBits(expected.scale()));
        AdapterBinding a = actual.binding();
        AdapterBinding e = expected.binding();
        assertThat(a.modelFlags()).isEqualTo(e.modelFlags());
        assertThat(a.tensorCount()).isEqualTo(e.tensorCount());
        assertThat(a.parameterCount()).isEqualTo(e.parameterCount());
        assertThat(a.tensorLayoutChecksum()).isEqualTo(e.tensorLayoutChecksum());
        assertThat(a.tokenizerChecksum()).isEqualTo(e.tokenizerChecksum());
        assertThat(a.parentSha256()).isEqualTo(e.parentSha256());
        assertThat(actual.records()).hasSameSizeAs(expected.records());
        for (int i = 0; i < expected.records().size(); i++) {
            assertThat(actual.records().get(i)).usingRecursiveComparison().isEqualTo(expected.records().get(i));
        }
    }
}
