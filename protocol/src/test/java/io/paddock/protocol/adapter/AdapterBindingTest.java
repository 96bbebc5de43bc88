package io.paddock.protocol.adapter;

import io.paddock.protocol.slm.CompatibilityChecksums;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.tokenizer.ByteTokenizer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdapterBindingTest {

    @Test
    void ofComputesC6FromTheModel() {
        SlmModel m = TestModels.model(3, DType.Q8_0, true);
        AdapterBinding b = AdapterBinding.of(m, null);
        assertThat(b.modelFlags()).isEqualTo(1);
        assertThat(b.tensorCount()).isEqualTo(2 + 9 * TestModels.LAYERS);
        long expectedParams = 260L * 32 + TestModels.LAYERS * (32 + 32 * 32 * 2 + 16 * 32 * 2 + 32 + 64 * 32 * 3) + 32;
        assertThat(b.parameterCount()).isEqualTo(expectedParams).isEqualTo(m.parameterCount());
        assertThat(b.tensorLayoutChecksum()).isEqualTo(CompatibilityChecksums.tensorLayoutChecksum(m.tensors()));
        assertThat(b.tokenizerChecksum())
                .isEqualTo(CompatibilityChecksums.tokenizerChecksum(new ByteTokenizer().sectionBytes()));
        assertThat(b.parentSha256()).hasSize(32).containsOnly(0);
        assertThat(b.hasParent()).isFalse();
    }

    @Test
    void layoutChecksumIgnoresDtypeAndValues() {
        AdapterBinding f32 = AdapterBinding.of(TestModels.model(3, DType.F32), null);
        AdapterBinding q4 = AdapterBinding.of(TestModels.model(99, DType.Q4_0), null);
        assertThat(q4.tensorLayoutChecksum()).isEqualTo(f32.tensorLayoutChecksum());
        assertThat(q4.parameterCount()).isEqualTo(f32.parameterCount());
        assertThat(AdapterBinding.of(TestModels.model(3, DType.F32, true), null).tensorLayoutChecksum())
                .isNotEqualTo(f32.tensorLayoutChecksum());
    }

    @Test
    void parentIsCopiedAndMustBe32Bytes() {
        byte[] sha = AdapterRoundTripTest.sha(5);
        AdapterBinding b = AdapterBinding.of(TestModels.model(3, DType.F32), sha);
        sha[0] ^= 1;
        assertThat(b.parentSha256()).isEqualTo(AdapterRoundTripTest.sha(5));
        assertThat(b.hasParent()).isTrue();
        assertThatThrownBy(() -> AdapterBinding.of(TestModels.model(3, DType.F32), new byte[20]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void kindLabelsAndMagics() {
        assertThat(AdapterKind.fromLabel("lowrank")).isEqualTo(AdapterKind.LOW_RANK);
        assertThat(AdapterKind.fromLabel("dense").label()).isEqualTo("dense");
        assertThatThrownBy(() -> AdapterKind.fromLabel("rank")).hasMessageContaining("dense, sparse or lowrank");
        assertThat(AdapterKind.fromMagic("xxASP1".getBytes(), 2)).isEqualTo(AdapterKind.SPARSE);
        assertThat(AdapterKind.fromMagic("ALR".getBytes(), 0)).isNull();
        assertThat(AdapterKind.fromMagic("SLM1".getBytes(), 0)).isNull();
    }
}
