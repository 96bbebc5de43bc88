package io.paddock.runtime.eval;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorData;
import io.paddock.protocol.slm.TensorNames;
import io.paddock.runtime.model.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssemblerTest {
    static final String WQ0 = TensorNames.layer(0, "wq");
    static final String W1_1 = TensorNames.layer(1, "w1");

    @ParameterizedTest
    @EnumSource(DType.class)
    void untouchedTensorsAreSharedAndTheBaseIsUnchanged(DType dtype) {
        SlmModel base = TinyModels.random(11, dtype, false);
        List<Object> before = snapshot(base);
        Adapter onWq = TinyModels.dense(base, WQ0, 1, 0.5f);
        Adapter onW1 = TinyModels.sparse(base, W1_1, 5, 0.25f);

        SlmModel a = Assembler.weights(Candidate.of(base, List.of(onWq)));
        SlmModel b = Assembler.weights(Candidate.of(base, List.of(onW1)));
        SlmModel ab = Assembler.weights(Candidate.of(base, List.of(onWq, onW1)));

        assertShared(base, a, List.of(WQ0));
        assertShared(base, b, List.of(W1_1));
        assertShared(base, ab, List.of(WQ0, W1_1));
        assertThat(Arrays.deepEquals(snapshot(base).toArray(), before.toArray())).as("base arrays unchanged").isTrue();
    }

    @Test
    void noAdaptersIsTheBaseItself() {
        SlmModel base = TinyModels.random(12, DType.F32, true);
        assertThat(Assembler.weights(Candidate.of(base))).isSameAs(base);
        Model m = Assembler.assemble(Candidate.of(base));
        assertThat(m.adapterCount()).isZero();
        assertThat(m.assemblyChecksum()).isEqualTo(Model.of(base).assemblyChecksum());
    }

    @Test
    void assembledModelReportsAdaptersAndItsOwnChecksum() {
        SlmModel base = TinyModels.random(13, DType.Q8_0, false);
        Adapter onWq = TinyModels.dense(base, WQ0, 2, 0.5f);
        Adapter onW1 = TinyModels.sparse(base, W1_1, 3, 0.25f);
        Model plain = Assembler.assemble(Candidate.of(base));
        Model one = Assembler.assemble(Candidate.of(base, List.of(onWq)));
        Model two = Assembler.assemble(Candidate.of(base, List.of(onWq, onW1)));
        assertThat(one.adapterCount()).isEqualTo(1);
        assertThat(two.adapterCount()).isEqualTo(2);
        assertThat(List.of(plain.assemblyChecksum(), one.assemblyChecksum(), two.assemblyChecksum()))
                .doesNotHaveDuplicates();
        // the same candidate assembled again reports the same checksum (C8)
        assertThat(Assembler.assemble(Candidate.of(base, List.of(onWq, onW1))).assemblyChecksum())
                .isEqualTo(two.assemblyChecksum());
    }

    @Test
    void adapterForAnotherModelIsAMismatch() {
        SlmModel base = TinyModels.random(14, DType.F32, false);
        SlmModel other = TinyModels.random(14, DType.F32, true);
        Adapter foreign = TinyModels.dense(other, WQ0, 3, 1f);
        assertThatThrownBy(() -> Assembler.assemble(Candidate.of(base, List.of(foreign))))
                .isInstanceOf(FormatException.class)
                .satisfies(e -> assertThat(((FormatException) e).code()).isEqualTo(ErrorCode.ADAPTER_MISMATCH));
    }

    private static void assertShared(SlmModel base, SlmModel assembled, List<String> touched) {
        List<Long> touchedHashes = new ArrayList<>();
        for (String name : touched) {
            touchedHashes.add(base.tensor(name).nameHash());
        }
        for (int i = 0; i < base.tensors().size(); i++) {
            Tensor t = base.tensors().get(i);
            TensorData got = assembled.tensors().get(i).data();
            if (touchedHashes.contains(t.nameHash())) {
                assertThat(got).as("touched tensor %d is a new instance", i).isNotSameAs(t.data());
            } else {
                assertThat(got).as("untouched tensor %d is shared", i).isSameAs(t.data());
            }
        }
    }

    /** Deep copies of every array of the base, to compare after assembling. */
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
        }
        return out;
    }
}
