package io.paddock.protocol.slm;

import io.paddock.protocol.tokenizer.BpeTokenizer;
import io.paddock.protocol.tokenizer.TokenizerSections;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RandomModelsTest {

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() {
        for (DType dtype : DType.values()) {
            byte[] a = TestModels.bytes(dtype, TokenizerSpec.bpe(400), true, 11);
            byte[] b = TestModels.bytes(dtype, TokenizerSpec.bpe(400), true, 11);
            byte[] c = TestModels.bytes(dtype, TokenizerSpec.bpe(400), true, 12);
            assertThat(b).containsExactly(a);
            assertThat(c).isNotEqualTo(a);
        }
    }

    @Test
    void headerCarriesTheSpecAndDefaults() {
        SlmModel m = TestModels.model(DType.F32, TokenizerSpec.btok(), true, 1);

        ModelHeader h = m.header();
        assertThat(h).isEqualTo(new ModelHeader(1, 1, 260, 4, 32, 2, 4, 2, 8, 64, 16, 10000f, 1e-5f));
        assertThat(h.kvDim()).isEqualTo(16);
        assertThat(m.tensors()).hasSize(20);
    }

    @Test
    void weightsAreScaledByFanInAndNormsAreNearOne() {
        SlmModel m = TestModels.model(DType.F32, TokenizerSpec.btok(), false, 5);

        float[] w1 = ((TensorData.F32) m.tensor("layers.0.w2.weight").data()).values();   // 32 × 64
        float[] norm = ((TensorData.F32) m.tensor("norm.weight").data()).values();
        float bound = (float) (1 / Math.sqrt(64));
        for (float v : w1) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
        }
        for (float v : norm) {
            assertThat(v).isGreaterThanOrEqualTo(0.95f).isLessThan(1.05f);
        }
        double mean = 0;
        for (float v : w1) {
            mean += Math.abs(v);
        }
        assertThat(mean / w1.length).isBetween(0.4 * bound, 0.6 * bound);
    }

    @Test
    void randomBpeIsAValidSectionWhoseTokensConcatenateTheirPair() {
        BpeTokenizer bpe = (BpeTokenizer) RandomModels.generate(TestModels.spec(DType.F32, TokenizerSpec.bpe(1000), false, 3))
                .tokenizer();

        byte[] section = bpe.sectionBytes();
        BpeTokenizer parsed = (BpeTokenizer) TokenizerSections.parse(section, 108, 1000);
        assertThat(parsed.sectionBytes()).containsExactly(section);
        assertThat(bpe.merges()).hasSize(740);
        Set<Long> pairs = new HashSet<>();
        for (int i = 0; i < 740; i++) {
            BpeTokenizer.Merge m = bpe.merges().get(i);
            assertThat(m.rank()).isEqualTo(i);
            assertThat(m.output()).isEqualTo(260 + i);
            assertThat(pairs.add(((long) m.left() << 32) | m.right())).isTrue();
            assertThat(new String(bpe.tokenBytes(m.output()), StandardCharsets.ISO_8859_1))
                    .isEqualTo(text(bpe, m.left()) + text(bpe, m.right()));
        }
        byte[] prose = "the rain in spain stays mainly in the plain".getBytes(StandardCharsets.UTF_8);
        int[] ids = bpe.encode(prose);
        assertThat(ids.length).isLessThan(prose.length + 2);
        assertThat(bpe.decode(ids)).isEqualTo(prose);
    }

    private static String text(BpeTokenizer bpe, int id) {
        return id < 256 ? String.valueOf((char) id) : new String(bpe.tokenBytes(id), StandardCharsets.ISO_8859_1);
    }

    @Test
    void specRejectsInconsistentParameters() {
        TokenizerSpec btok = TokenizerSpec.btok();
        assertThatThrownBy(() -> RandomModelSpec.of(0, 32, 4, 2, 64, 16, btok, DType.F32, false, 1)).hasMessageContaining("layers");
        assertThatThrownBy(() -> RandomModelSpec.of(1, 30, 4, 2, 64, 16, btok, DType.F32, false, 1)).hasMessageContaining("multiple");
        assertThatThrownBy(() -> RandomModelSpec.of(1, 28, 4, 2, 64, 16, btok, DType.F32, false, 1)).hasMessageContaining("even");
        assertThatThrownBy(() -> RandomModelSpec.of(1, 32, 4, 3, 64, 16, btok, DType.F32, false, 1)).hasMessageContaining("kv-heads");
        assertThatThrownBy(() -> RandomModelSpec.of(1, 48, 4, 2, 64, 16, btok, DType.Q4_0, false, 1)).hasMessageContaining("48");
        assertThatThrownBy(() -> RandomModelSpec.of(1, 32, 4, 2, 64, 0, btok, DType.F32, false, 1)).hasMessageContaining("context");
    }

    @Test
    void tokenizerSpecParses() {
        assertThat(TokenizerSpec.parse("btok")).isEqualTo(TokenizerSpec.btok());
        assertThat(TokenizerSpec.parse("bpe:300")).isEqualTo(TokenizerSpec.bpe(300));
        assertThat(TokenizerSpec.parse("bpe:300").toString()).isEqualTo("bpe:300");
        assertThatThrownBy(() -> TokenizerSpec.parse("bpe:x")).hasMessageContaining("bpe:x");
        assertThatThrownBy(() -> TokenizerSpec.parse("bpe:100")).hasMessageContaining("260");
        assertThatThrownBy(() -> TokenizerSpec.parse("sentencepiece")).hasMessageContaining("btok or bpe");
    }
}
