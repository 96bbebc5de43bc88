package io.paddock.protocol.adapter;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.TensorNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RandomAdaptersTest {
    private static final SlmModel BASE = TestModels.model(51, DType.Q8_0);
    private static final byte[] SHA = AdapterRoundTripTest.sha(2);

    @ParameterizedTest
    @EnumSource(AdapterKind.class)
    void sameSeedSameBytesAndTheResultBinds(AdapterKind kind) {
        RandomAdapterSpec spec = RandomAdapterSpec.defaults(kind, 1234);
        byte[] a = AdapterWriter.write(RandomAdapters.generate(BASE, SHA, spec));
        byte[] b = AdapterWriter.write(RandomAdapters.generate(BASE, SHA, spec));
        byte[] other = AdapterWriter.write(RandomAdapters.generate(BASE, SHA, RandomAdapterSpec.defaults(kind, 1235)));
        assertThat(a).isEqualTo(b).isNotEqualTo(other);
        assertThat(a).startsWith(kind.magic().getBytes());

        Adapter read = AdapterReader.read(a);
        assertThat(read.records()).hasSize(BASE.tensors().size());
        assertThat(read.binding().hasParent()).isFalse();
        assertThatCode(() -> AdapterValidator.validate(read, BASE, SHA)).doesNotThrowAnyException();
        assertThatCode(() -> AdapterApplier.apply(BASE, SHA, List.of(read))).doesNotThrowAnyException();
    }

    @Test
    void deltasAreSmallAndScaled() {
        Adapter dense = RandomAdapters.generate(BASE, null, RandomAdapterSpec.defaults(AdapterKind.DENSE, 5)
                .withScale(0.25f));
        assertThat(dense.scale()).isEqualTo(0.25f);
        for (DeltaRecord r : dense.records()) {
            for (float d : ((DeltaRecord.Dense) r).deltas()) {
                assertThat(Math.abs(d)).isLessThanOrEqualTo(0.02f);
            }
        }
        Adapter low = RandomAdapters.generate(BASE, null, RandomAdapterSpec.defaults(AdapterKind.LOW_RANK, 5));
        float[] row = new float[260];
        for (DeltaRecord r : low.records()) {
            DeltaRecord.LowRank l = (DeltaRecord.LowRank) r;
            AdapterApplier.lowRankRow(l, 0, row);
            for (int c = 0; c < l.cols(); c++) {
                assertThat(Math.abs(row[c])).isLessThanOrEqualTo(0.0201f);
            }
        }
    }

    @Test
    void tensorsGlobSelectsByCanonicalName() {
        Adapter a = RandomAdapters.generate(BASE, null, RandomAdapterSpec.defaults(AdapterKind.SPARSE, 9)
                .withTensors("layers.*.wq.weight"));
        List<Long> hashes = new ArrayList<>();
        for (DeltaRecord r : a.records()) {
            hashes.add(r.nameHash());
        }
        assertThat(hashes).containsExactlyInAnyOrder(AdapterBytes.hash(TensorNames.layer(0, "wq")),
                AdapterBytes.hash(TensorNames.layer(1, "wq")));
        assertThat(Long.compareUnsigned(hashes.get(0), hashes.get(1))).isNegative();

        assertThatThrownBy(() -> RandomAdapters.generate(BASE, null, RandomAdapterSpec.defaults(AdapterKind.DENSE, 9)
                .withTensors("layers.9.*")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matches no tensor");
    }

    @Test
    void lowRankUsesTheRequestedRankWhereTheTensorAllows() {
        Adapter a = RandomAdapters.generate(BASE, null, RandomAdapterSpec.defaults(AdapterKind.LOW_RANK, 3)
                .withRank(20));
        for (DeltaRecord r : a.records()) {
            DeltaRecord.LowRank l = (DeltaRecord.LowRank) r;
            assertThat(l.rank()).isEqualTo(Math.min(20, Math.min(l.rows(), l.cols())));
        }
        assertThat(a.records()).anySatisfy(r -> assertThat(((DeltaRecord.LowRank) r).rank()).isEqualTo(20));
        assertThat(a.records()).anySatisfy(r -> assertThat(((DeltaRecord.LowRank) r).rank()).isEqualTo(1));
    }

    @Test
    void sparseDensityAndAtLeastOneElement() {
        Adapter a = RandomAdapters.generate(BASE, null, RandomAdapterSpec.defaults(AdapterKind.SPARSE, 3)
                .withDensity(0.25));
        long nnz = 0;
        long elements = 0;
        for (DeltaRecord r : a.records()) {
            nnz += ((DeltaRecord.Sparse) r).indices().length;
            elements += (long) r.rows() * r.cols();
        }
        assertThat((double) nnz / elements).isBetween(0.23, 0.27);

        Adapter tiny = RandomAdapters.generate(BASE, null, RandomAdapterSpec.defaults(AdapterKind.SPARSE, 3)
                .withDensity(1e-9).withTensors("norm.weight"));
        assertThat(((DeltaRecord.Sparse) tiny.records().get(0)).indices()).hasSize(1);

        Adapter full = RandomAdapters.generate(BASE, null, RandomAdapterSpec.defaults(AdapterKind.SPARSE, 3)
                .withDensity(1).withTensors("norm.weight"));
        assertThat(((DeltaRecord.Sparse) full.records().get(0)).indices()).hasSize(32);
    }

    @Test
    void bindParentStoresTheDigest() {
        Adapter a = RandomAdapters.generate(BASE, SHA, RandomAdapterSpec.defaults(AdapterKind.DENSE, 1)
                .withBindParent(true).withTensors("norm.weight"));
        assertThat(a.binding().parentSha256()).isEqualTo(SHA);
        assertThatThrownBy(() -> AdapterValidator.validate(a, BASE, AdapterRoundTripTest.sha(3)))
                .isInstanceOfSatisfying(FormatException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ADAPTER_MISMATCH));
        assertThatThrownBy(() -> RandomAdapters.generate(BASE, null, RandomAdapterSpec.defaults(AdapterKind.DENSE, 1)
                .withBindParent(true))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA-256");
    }

    @Test
    void specRejectsBadParameters() {
        RandomAdapterSpec d = RandomAdapterSpec.defaults(AdapterKind.DENSE, 0);
        assertThat(d.rank()).isEqualTo(4);
        assertThat(d.density()).isEqualTo(0.01);
        assertThat(d.scale()).isEqualTo(1f);
        assertThat(d.tensors()).isEqualTo("*");
        assertThat(d.bindParent()).isFalse();
        assertThatThrownBy(() -> d.withRank(0)).hasMessageContaining("--rank");
        assertThatThrownBy(() -> d.withDensity(0)).hasMessageContaining("--density");
        assertThatThrownBy(() -> d.withDensity(1.5)).hasMessageContaining("--density");
        assertThatThrownBy(() -> d.withDensity(Double.NaN)).hasMessageContaining("--density");
        assertThatThrownBy(() -> d.withScale(Float.POSITIVE_INFINITY)).hasMessageContaining("--scale");
        assertThatThrownBy(() -> d.withTensors("")).hasMessageContaining("glob");
    }

    @Test
    void seedZeroIsValid() {
        byte[] a = AdapterWriter.write(RandomAdapters.generate(BASE, null, RandomAdapterSpec.defaults(AdapterKind.DENSE, 0)
                .withTensors("norm.weight")));
        assertThat(AdapterReader.read(a).records()).hasSize(1);
    }
}
