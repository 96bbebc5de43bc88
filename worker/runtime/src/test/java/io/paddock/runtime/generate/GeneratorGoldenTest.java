package io.paddock.runtime.generate;

import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.tokenizer.Tokenizer;
import io.paddock.runtime.kernel.ScalarKernels;
import io.paddock.runtime.model.Model;
import io.paddock.runtime.model.NaiveForward;
import io.paddock.runtime.model.State;
import io.paddock.runtime.model.TinyModels;
import io.paddock.runtime.model.Transformer;
import io.paddock.runtime.sample.Sampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden greedy outputs (token ids) for seeded tiny models of every dtype, BTOK and BPE, tied
 * and untied, multi-head, GQA and multi-query, checked in as literals, and re-derived by the
 * naive reference forward (whose logits must equal the runtime's bit for bit at every step).
 */
class GeneratorGoldenTest {
    static final int MAX_NEW = 16;
    static final int[] HELLO = {256, 104, 101, 108, 108, 111};
    static final int[] THE_BAND = {256, 261, 32, 98, 264};   // "the" = 261, " ", "b", "and" = 264

    record Case(String name, TinyModels.Spec spec, String prompt, int[] promptTokens, int[] expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("f32 btok untied mha", TinyModels.Spec.of(DType.F32, false, false, 4, 4, 11), "hello", HELLO,
                        new int[] {180, 72, 6, 154, 161, 83, 229, 159, 122, 172, 244, 110, 4, 175, 173, 172}),
                new Case("f32 btok tied gqa", TinyModels.Spec.of(DType.F32, false, true, 4, 2, 12), "hello", HELLO,
                        new int[] {212, 178, 212, 212, 44, 44, 44, 44, 212, 44, 212, 160, 59, 59, 59, 22}),
                new Case("q8 btok untied gqa", TinyModels.Spec.of(DType.Q8_0, false, false, 4, 2, 13), "hello", HELLO,
                        new int[] {55, 159, 63, 251, 246, 8, 169, 192, 224, 8, 163, 105, 186, 56, 65, 115}),
                new Case("q8 btok tied mqa", TinyModels.Spec.of(DType.Q8_0, false, true, 4, 1, 14), "hello", HELLO,
                        new int[] {27, 212, 240, 206, 110, 90, 90, 90, 110, 241, 173, 100, 100, 100, 100, 100}),
                new Case("q4 btok untied gqa", TinyModels.Spec.of(DType.Q4_0, false, false, 4, 2, 15), "hello", HELLO,
                        new int[] {189, 236, 159, 147, 109, 115, 122, 60, 233, 127, 161, 206, 137, 22, 147, 109}),
                new Case("q4 btok tied mha", TinyModels.Spec.of(DType.Q4_0, false, true, 4, 4, 16), "hello", HELLO,
                        new int[] {151, 112, 112, 196, 196, 39, 224, 32, 133, 196, 30, 30, 30, 30, 30, 30}),
                new Case("f32 bpe untied gqa", TinyModels.Spec.of(DType.F32, true, false, 4, 2, 17), "the band", THE_BAND,
                        new int[] {97, 262, 186, 97, 262, 245, 124, 206, 196, 41, 102, 42, 206, 196, 62, 263}),
                new Case("f32 bpe tied mha", TinyModels.Spec.of(DType.F32, true, true, 4, 4, 18), "the band", THE_BAND,
                        new int[] {220, 48, 86, 48, 242, 242, 242, 242, 213, 213, 213, 53, 85, 85, 85, 85}),
                new Case("q8 bpe untied gqa", TinyModels.Spec.of(DType.Q8_0, true, false, 4, 2, 19), "the band", THE_BAND,
                        new int[] {255, 179, 179, 179, 179, 179, 179, 179, 179, 179, 12, 114, 12, 114, 97, 114}),
                new Case("q8 bpe tied gqa", TinyModels.Spec.of(DType.Q8_0, true, true, 4, 2, 20), "the band", THE_BAND,
                        new int[] {186, 164, 67, 214, 151, 67, 67, 67, 67, 67, 67, 67, 67, 67, 8, 8}),
                new Case("q4 bpe untied mqa", TinyModels.Spec.of(DType.Q4_0, true, false, 4, 1, 21), "the band", THE_BAND,
                        new int[] {259, 136, 248, 44, 206, 101, 203, 71, 206, 166, 14, 68, 41, 259, 136, 72}),
                new Case("q4 bpe tied gqa", TinyModels.Spec.of(DType.Q4_0, true, true, 4, 2, 22), "the band", THE_BAND,
                        new int[] {184, 22, 22, 225, 46, 10, 45, 132, 131, 131, 172, 131, 226, 132, 131, 237}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void greedyOutputEqualsTheCheckedInIds(Case c) {
        Model model = Model.of(TinyModels.build(c.spec()));
        GenerationResult r = new Generator(new ScalarKernels()).generate(
                model, c.prompt().getBytes(StandardCharsets.UTF_8), MAX_NEW, Sampling.GREEDY);
        assertThat(r.promptTokens()).as("prompt tokens").containsExactly(c.promptTokens());
        assertThat(r.outputTokens()).as("%s output", c.name()).containsExactly(c.expected());
        assertThat(r.diagnostics().generatedTokens()).isEqualTo(MAX_NEW);
        assertThat(r.diagnostics().kvLength()).isEqualTo(c.promptTokens().length + MAX_NEW - 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theNaiveReferenceDerivesTheSameIdsWithBitEqualLogits(Case c) {
        SlmModel slm = TinyModels.build(c.spec());
        Model model = Model.of(slm);
        State state = new State(model.config());
        NaiveForward naive = new NaiveForward(slm);
        int[] tokens = Arrays.copyOf(c.promptTokens(), c.promptTokens().length + MAX_NEW);
        int pos = 0;
        float[] expected = null;
        for (; pos < c.promptTokens().length; pos++) {
            expected = naive.step(tokens[pos], pos);
            assertSameBits(Transformer.forward(model, state, new ScalarKernels(), tokens[pos], pos), expected, c, pos);
        }
        for (int i = 0; i < MAX_NEW; i++) {
            int next = Sampler.argmax(expected, expected.length);
            assertThat(next).as("%s token %d", c.name(), i).isEqualTo(c.expected()[i]).isNotEqualTo(Tokenizer.EOS);
            tokens[pos] = next;
            if (i + 1 < MAX_NEW) {
                expected = naive.step(next, pos);
                assertSameBits(Transformer.forward(model, state, new ScalarKernels(), next, pos), expected, c, pos);
                pos++;
            }
        }
    }

    private static void assertSameBits(float[] actual, float[] expected, Case c, int pos) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToRawIntBits(actual[i])).as("%s logit %d at position %d", c.name(), i, pos)
                    .isEqualTo(Float.floatToRawIntBits(expected[i]));
        }
    }
}
