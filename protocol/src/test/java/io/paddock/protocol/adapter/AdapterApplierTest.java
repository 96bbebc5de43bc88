package io.paddock.protocol.adapter;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AdapterApplierTest {
    private static final byte[] SHA = AdapterRoundTripTest.sha(4);

    /** The expected adapted values of a tensor: {@code w + scale * delta} per element, delta from the record. */
    private static float[] expectedF32(float[] w, DeltaRecord r, float scale) {
        float[] out = w.clone();
        if (r instanceof DeltaRecord.Dense d) {
            for (int i = 0; i < out.length; i++) {
                out[i] = out[i] + scale * d.deltas()[i];
            }
        } else if (r instanceof DeltaRecord.Sparse s) {
            for (int k = 0; k < s.indices().length; k++) {
                out[s.indices()[k]] = out[s.indices()[k]] + scale * s.deltas()[k];
            }
        } else {
            DeltaRecord.LowRank l = (DeltaRecord.LowRank) r;
            for (int row = 0; row < l.rows(); row++) {
                for (int c = 0; c < l.cols(); c++) {
                    float sum = 0f;
                    for (int k = 0; k < l.rank(); k++) {
                        sum += l.a()[row * l.rank() + k] * l.b()[k * l.cols() + c];
                    }
                    out[row * l.cols() + c] = out[row * l.cols() + c] + scale * sum;
                }
            }
        }
        return out;
    }

    private static Tensor tensor(SlmModel m, long hash) {
        for (Tensor t : m.tensors()) {
            if (t.nameHash() == hash) {
                return t;
            }
        }
        throw new AssertionError("no tensor " + hash);
    }

    /** Deep snapshot of every array of a model, to prove the base is never written. */
    private static List<Object> snapshot(SlmModel m) {
        List<Object> out = new ArrayList<>();
        for (Tensor t : m.tensors()) {
            TensorData d = t.data();
            if (d instanceof TensorData.F32 f) {
                out.add(f.values().clone());
            } else if (d instanceof TensorData.Q8 q) {
                out.add(q.quants().clone());
                out.add(q.rowScales().clone());
            } else {
                TensorData.Q4 q = (TensorData.Q4) d;
                out.add(q.packed().clone());
                out.add(q.blockScales().clone());
            }
            out.add(t.dims().clone());
        }
        return out;
    }

    private static void assertUnchanged(SlmModel base, List<Object> before) {
        assertThat(Arrays.deepEquals(snapshot(base).toArray(), before.toArray())).as("base arrays unchanged").isTrue();
    }

    private static void assertSameStorage(TensorData actual, TensorData expected) {
        assertThat(actual.dtype()).isEqualTo(expected.dtype());
        assertThat(actual.rows()).isEqualTo(expected.rows());
        assertThat(actual.cols()).isEqualTo(expected.cols());
        if (actual instanceof TensorData.F32 f) {
            assertThat(f.values()).isEqualTo(((TensorData.F32) expected).values());
        } else if (actual instanceof TensorData.Q8 q) {
            assertThat(q.quants()).isEqualTo(((TensorData.Q8) expected).quants());
            assertThat(q.rowScales()).isEqualTo(((TensorData.Q8) expected).rowScales());
        } else {
            TensorData.Q4 q = (TensorData.Q4) actual;
            assertThat(q.blockSize()).isEqualTo(((TensorData.Q4) expected).blockSize());
            assertThat(q.packed()).isEqualTo(((TensorData.Q4) expected).packed());
            assertThat(q.blockScales()).isEqualTo(((TensorData.Q4) expected).blockScales());
        }
    }

    @ParameterizedTest
    @EnumSource(AdapterKind.class)
    void f32AddsScaledDeltasAndSharesUntouchedTensors(AdapterKind kind) {
        SlmModel base = TestModels.model(31, DType.F32);
        List<Object> before = snapshot(base);
        Adapter a = kind == AdapterKind.DENSE ? AdapterBytes.dense(base, 0.5f)
                : kind == AdapterKind.SPARSE ? AdapterBytes.sparse(base, -2f) : AdapterBytes.lowRank(base, 3f);

        SlmModel out = AdapterApplier.apply(base, SHA, List.of(a));

        Set<Long> touched = new HashSet<>();
        for (DeltaRecord r : a.records()) {
            touched.add(r.nameHash());
            TensorData.F32 w = (TensorData.F32) tensor(base, r.nameHash()).data();
            TensorData.F32 got = (TensorData.F32) tensor(out, r.nameHash()).data();
            assertThat(got.values()).isEqualTo(expectedF32(w.values(), r, a.scale()));
        }
        for (int i = 0; i < base.tensors().size(); i++) {
            Tensor t = base.tensors().get(i);
            if (!touched.contains(t.nameHash())) {
                assertThat(out.tensors().get(i)).isSameAs(t);
            } else {
                assertThat(out.tensors().get(i).data()).isNotSameAs(t.data());
                assertThat(out.tensors().get(i).dims()).isEqualTo(t.dims());
            }
        }
        assertThat(out.header()).isSameAs(base.header());
        assertThat(out.tokenizer()).isSameAs(base.tokenizer());
        assertUnchanged(base, before);
    }

    @Test
    void q8SparseRequantizesOnlyTouchedRows() {
        SlmModel base = TestModels.model(32, DType.Q8_0);
        List<Object> before = snapshot(base);
        Adapter a = AdapterBytes.sparse(base, 2f);
        long wq = AdapterBytes.hash("layers.1.wq.weight");
        TensorData.Q8 w = (TensorData.Q8) tensor(base, wq).data();

        TensorData.Q8 got = (TensorData.Q8) tensor(AdapterApplier.apply(base, List.of(a)), wq).data();

        DeltaRecord wqRecord = a.records().stream().filter(r -> r.nameHash() == wq).findFirst().orElseThrow();
        float[] adapted = expectedF32(TestModels.values(w), wqRecord, 2f);
        TensorData.Q8 requantized = (TensorData.Q8) TestModels.quantize(adapted, 32, 32, DType.Q8_0);
        for (int r = 0; r < 32; r++) {
            byte[] gotRow = Arrays.copyOfRange(got.quants(), r * 32, r * 32 + 32);
            if (r == 2 || r == 5) {
                assertThat(gotRow).as("row %d", r).isEqualTo(Arrays.copyOfRange(requantized.quants(), r * 32, r * 32 + 32));
                assertThat(got.rowScales()[r]).isEqualTo(requantized.rowScales()[r]);
            } else {
                assertThat(gotRow).as("row %d", r).isEqualTo(Arrays.copyOfRange(w.quants(), r * 32, r * 32 + 32));
                assertThat(got.rowScales()[r]).isEqualTo(w.rowScales()[r]);
            }
        }
        assertThat(got.quants()).isNotEqualTo(w.quants());
        assertUnchanged(base, before);
    }

    @Test
    void q4SparseRequantizesOnlyTouchedBlocks() {
        SlmModel base = TestModels.model(33, DType.Q4_0);
        List<Object> before = snapshot(base);
        long w2 = AdapterBytes.hash("layers.0.w2.weight");
        int touchedIndex = 3 * 64 + 40; // row 3, block 1 (cols 32..63)
        Adapter a = new Adapter(AdapterKind.SPARSE, AdapterBinding.of(base, null), 1f, List.of(
                new DeltaRecord.Sparse(w2, 32, 64, new int[] {touchedIndex, touchedIndex + 1}, new float[] {1.9f, -0.3f})));
        TensorData.Q4 w = (TensorData.Q4) tensor(base, w2).data();

        TensorData.Q4 got = (TensorData.Q4) tensor(AdapterApplier.apply(base, List.of(a)), w2).data();

        TensorData.Q4 requantized = (TensorData.Q4) TestModels.quantize(
                expectedF32(TestModels.values(w), a.records().get(0), 1f), 32, 64, DType.Q4_0);
        for (int block = 0; block < 64; block++) {
            byte[] gotBytes = Arrays.copyOfRange(got.packed(), block * 16, block * 16 + 16);
            TensorData.Q4 expected = block == 3 * 2 + 1 ? requantized : w;
            assertThat(gotBytes).as("block %d", block)
                    .isEqualTo(Arrays.copyOfRange(expected.packed(), block * 16, block * 16 + 16));
            assertThat(got.blockScales()[block]).as("scale %d", block).isEqualTo(expected.blockScales()[block]);
        }
        assertThat(got.blockScales()[7]).isNotEqualTo(w.blockScales()[7]);
        assertUnchanged(base, before);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"Q8_0", "Q4_0"})
    void denseAndLowRankOnQuantizedTensorsMatchDequantizeAddRequantize(DType dtype) {
        SlmModel base = TestModels.model(34, dtype);
        List<Object> before = snapshot(base);
        for (Adapter a : List.of(AdapterBytes.dense(base, 0.7f), AdapterBytes.lowRank(base, 5f))) {
            SlmModel out = AdapterApplier.apply(base, SHA, List.of(a));
            for (DeltaRecord r : a.records()) {
                TensorData w = tensor(base, r.nameHash()).data();
                TensorData expected = TestModels.quantize(
                        expectedF32(TestModels.values(w), r, a.scale()), r.rows(), r.cols(), dtype);
                assertSameStorage(tensor(out, r.nameHash()).data(), expected);
            }
        }
        assertUnchanged(base, before);
    }

    @Test
    void twoAdaptersApplyInTheOrderGiven() {
        for (DType dtype : DType.values()) {
            SlmModel base = TestModels.model(35, dtype);
            Adapter first = AdapterBytes.sparse(base, 2f);
            Adapter second = AdapterBytes.dense(base, -1f);
            Adapter third = RandomAdapters.generate(base, null, RandomAdapterSpec.defaults(AdapterKind.LOW_RANK, 8)
                    .withTensors("layers.1.wq.weight"));

            SlmModel together = AdapterApplier.apply(base, List.of(first, second, third));
            SlmModel stepwise = AdapterApplier.apply(AdapterApplier.apply(
                    AdapterApplier.apply(base, List.of(first)), List.of(second)), List.of(third));
            for (int i = 0; i < base.tensors().size(); i++) {
                assertSameStorage(together.tensors().get(i).data(), stepwise.tensors().get(i).data());
            }
            if (dtype == DType.F32) {
                long wq = AdapterBytes.hash("layers.1.wq.weight");
                float[] w = ((TensorData.F32) tensor(base, wq).data()).values();
                float[] expected = expectedF32(expectedF32(w, first.records().stream()
                        .filter(r -> r.nameHash() == wq).findFirst().orElseThrow(), 2f), third.records().get(0), 1f);
                assertThat(((TensorData.F32) tensor(together, wq).data()).values()).isEqualTo(expected);
            }
        }
    }

    @Test
    void noAdapterIsAppliedUnlessAllBind() {
        SlmModel base = TestModels.model(36, DType.Q8_0);
        List<Object> before = snapshot(base);
        Adapter good = AdapterBytes.dense(base, 1f);
        Adapter foreign = AdapterBytes.sparse(TestModels.model(36, DType.F32, true), 1f);
        FormatException e = catchThrowableOfType(FormatException.class,
                () -> AdapterApplier.apply(base, List.of(good, foreign)));
        assertThat(e.code()).isEqualTo(ErrorCode.ADAPTER_MISMATCH);
        assertThat(e.getMessage()).contains("flags");
        assertUnchanged(base, before);

        Adapter bound = new Adapter(good.kind(), AdapterBinding.of(base, AdapterRoundTripTest.sha(77)),
                good.scale(), good.records());
        FormatException p = catchThrowableOfType(FormatException.class,
                () -> AdapterApplier.apply(base, SHA, List.of(bound)));
        assertThat(p.code()).isEqualTo(ErrorCode.ADAPTER_MISMATCH);
        assertThat(p.getMessage()).contains("parent_sha256");
        assertThat(AdapterApplier.apply(base, AdapterRoundTripTest.sha(77), List.of(bound))).isNotNull();
    }

    @Test
    void emptyListReturnsAModelSharingEverything() {
        SlmModel base = TestModels.model(37, DType.Q4_0);
        SlmModel out = AdapterApplier.apply(base, List.of());
        for (int i = 0; i < base.tensors().size(); i++) {
            assertThat(out.tensors().get(i)).isSameAs(base.tensors().get(i));
        }
    }

    @Test
    void aResultThatOverflowsIsNonFinite() {
        SlmModel base = TestModels.model(38, DType.F32);
        Adapter huge = new Adapter(AdapterKind.SPARSE, AdapterBinding.of(base, null), Float.MAX_VALUE, List.of(
                new DeltaRecord.Sparse(AdapterBytes.hash("norm.weight"), 1, 32, new int[] {3}, new float[] {4f})));
        FormatException e = catchThrowableOfType(FormatException.class, () -> AdapterApplier.apply(base, List.of(huge)));
        assertThat(e.code()).isEqualTo(ErrorCode.NON_FINITE_VALUE);
        assertThat(e.rule()).isEqualTo("adapted weight must be finite");
        assertThat(e.badValue()).startsWith("norm.weight element 3: ");
    }
}
