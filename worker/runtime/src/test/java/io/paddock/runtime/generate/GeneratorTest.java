package io.paddock.runtime.generate;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.hash.Fnv;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorData;
import io.paddock.protocol.slm.TensorNames;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.tokenizer.Tokenizer;
import io.paddock.runtime.kernel.ScalarKernels;
import io.paddock.runtime.math.LogSoftmax;
import io.paddock.runtime.model.AssemblyChecksum;
import io.paddock.runtime.model.Model;
import io.paddock.runtime.model.State;
import io.paddock.runtime.model.TinyModels;
import io.paddock.runtime.model.Transformer;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowingConsumer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** C11 generation: stopping rules, determinism, teacher forcing, diagnostics and typed errors. */
class GeneratorTest {
    private static final Sampling STOCHASTIC = new Sampling(0.9f, 40, 0.9f, 7);

    private final GeneratorGoldenTest.Case golden = GeneratorGoldenTest.cases().get(0);
    private final SlmModel goldenSlm = TinyModels.build(golden.spec());
    private final Model goldenModel = Model.of(goldenSlm);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void assertGoldenStillWorks(Generator g) {
        GenerationResult r = g.generate(goldenModel, utf8(golden.prompt()), GeneratorGoldenTest.MAX_NEW, Sampling.GREEDY);
        assertThat(r.outputTokens()).containsExactly(golden.expected());
        assertThat(g.lastError()).isEmpty();
        assertThat(r.diagnostics().lastError()).isEmpty();
    }

    private static ThrowingConsumer<Throwable> code(ErrorCode expected) {
        return e -> assertThat(((FormatException) e).code()).isEqualTo(expected);
    }

    @Test
    void stochasticSamplingWithAFixedSeedRepeatsExactly() {
        byte[] prompt = utf8("hello");
        int[] first = new Generator(new ScalarKernels()).generate(goldenModel, prompt, 24, STOCHASTIC).outputTokens();
        int[] second = new Generator(new ScalarKernels()).generate(goldenModel, prompt, 24, STOCHASTIC).outputTokens();
        assertThat(second).containsExactly(first);
        Set<String> outputs = new HashSet<>();
        for (long seed = 1; seed <= 6; seed++) {
            Sampling s = new Sampling(1.2f, 100, 1f, seed);
            outputs.add(Arrays.toString(new Generator(new ScalarKernels()).generate(goldenModel, prompt, 24, s).outputTokens()));
        }
        assertThat(outputs).as("different seeds draw different continuations").hasSizeGreaterThan(1);
    }

    @Test
    void aCaseOutputIsIndependentOfTheCallsBeforeIt() {
        byte[] prompt = utf8("hello");
        int[] fresh = new Generator(new ScalarKernels()).generate(goldenModel, prompt, 24, STOCHASTIC).outputTokens();

        Generator used = new Generator(new ScalarKernels());
        Model other = Model.of(TinyModels.build(GeneratorGoldenTest.cases().get(2).spec()));      // same shape
        Model bpe = Model.of(TinyModels.build(GeneratorGoldenTest.cases().get(6).spec()));        // other vocab
        Model wide = Model.of(TinyModels.build(TinyModels.Spec.of(DType.F32, false, false, 8, 8, 3)));  // other heads
        used.generate(goldenModel, utf8("something else"), 30, new Sampling(1f, 200, 0.95f, 99));
        used.generate(other, utf8("x"), 5, STOCHASTIC);
        used.generate(bpe, utf8("the"), 7, new Sampling(0.5f, 3, 1f, 0));
        used.generate(wide, utf8("hi"), 9, STOCHASTIC);
        assertThat(used.generate(goldenModel, prompt, 24, STOCHASTIC).outputTokens()).containsExactly(fresh);
        assertGoldenStillWorks(used);
    }

    @Test
    void eosStopsGenerationAndIsNotEmitted() {
        Model model = Model.of(eosModel());
        for (Sampling s : List.of(Sampling.GREEDY, new Sampling(1f, 5, 1f, 3))) {
            GenerationResult r = new Generator(new ScalarKernels()).generate(model, utf8("abc"), 50, s);
            assertThat(r.outputTokens()).isEmpty();
            assertThat(r.outputBytes()).isEmpty();
            assertThat(r.validUtf8()).isTrue();
            assertThat(r.text()).isEmpty();
            assertThat(r.diagnostics().generatedTokens()).isZero();
            assertThat(r.diagnostics().kvLength()).isEqualTo(4);           // BOS a b c
            assertThat(r.diagnostics().tokensPerSecond()).isZero();
        }
    }

    @Test
    void aFullContextEndsDecodingWithoutAnError() {
        Model model = Model.of(TinyModels.build(golden.spec().withContext(12)));
        GenerationResult r = new Generator(new ScalarKernels()).generate(model, utf8("hi"), 100, Sampling.GREEDY);
        // prompt BOS h i = 3 positions; 9 tokens fill the context and a tenth is sampled from the last logits
        assertThat(r.outputTokens()).hasSize(10).doesNotContain(Tokenizer.EOS);
        assertThat(r.diagnostics().kvLength()).isEqualTo(12);
        assertThat(r.diagnostics().generatedTokens()).isEqualTo(10);
    }

    @Test
    void maxNewTokensBoundsTheOutput() {
        Generator g = new Generator(new ScalarKernels(), goldenModel);
        GenerationResult r = g.generate(goldenModel, utf8(golden.prompt()), 1, Sampling.GREEDY);
        assertThat(r.outputTokens()).containsExactly(golden.expected()[0]);
        assertThat(r.diagnostics().kvLength()).isEqualTo(golden.promptTokens().length);
    }

    @Test
    void diagnosticsDescribeTheRun() {
        Model model = Model.of(goldenSlm, 3);
        Generator g = new Generator(new ScalarKernels());
        GenerationResult r = g.generate(model, utf8(golden.prompt()), 8, STOCHASTIC);
        var d = r.diagnostics();
        assertThat(d.promptTokens()).isEqualTo(6);
        assertThat(d.generatedTokens()).isEqualTo(r.outputTokens().length);
        assertThat(d.kvLength()).isEqualTo(6 + r.outputTokens().length - 1);
        assertThat(d.peakScratchBytes()).isEqualTo(model.config().stateBytes()).isEqualTo(new State(model.config()).peakScratchBytes());
        assertThat(d.quantization()).isEqualTo("f32");
        assertThat(d.adapterCount()).isEqualTo(3);
        assertThat(d.assemblyChecksum()).isEqualTo(AssemblyChecksum.of(goldenSlm)).isEqualTo(model.assemblyChecksum());
        assertThat(d.lastError()).isEmpty();
        assertThat(d.sampling()).isEqualTo(STOCHASTIC);
        assertThat(d.prefillNanos()).isPositive();
        assertThat(d.decodeNanos()).isPositive();
        assertThat(d.tokensPerSecond()).isPositive();
        assertThat(Model.of(TinyModels.build(golden.spec().withDtype(DType.Q4_0))).quantization()).isEqualTo("q4_0");
    }

    @Test
    void invalidUtf8OutputIsReportedAndShownWithReplacementCharacters() {
        GenerationResult r = new Generator(new ScalarKernels())
                .generate(goldenModel, utf8(golden.prompt()), GeneratorGoldenTest.MAX_NEW, Sampling.GREEDY);
        assertThat(r.validUtf8()).isFalse();
        byte[] expectedBytes = new byte[golden.expected().length];
        for (int i = 0; i < expectedBytes.length; i++) {
            expectedBytes[i] = (byte) golden.expected()[i];            // BTOK: one byte per id
        }
        assertThat(r.outputBytes()).containsExactly(expectedBytes);
        assertThat(r.text()).isEqualTo(Utf8.decode(expectedBytes)).contains("\uFFFD");
    }

    @Test
    void badInputsGiveTypedErrorsAndLeaveTheModelUsable() {
        Generator g = new Generator(new ScalarKernels());
        assertGoldenStillWorks(g);
        Model small = Model.of(TinyModels.build(golden.spec().withContext(8)));

        // prompt longer than the context: BOS + 7 bytes = 8 tokens >= max_context 8
        assertThat(g.generate(small, utf8("abcdef"), 1, Sampling.GREEDY).promptTokens()).hasSize(7);
        assertThatThrownBy(() -> g.generate(small, utf8("abcdefg"), 1, Sampling.GREEDY))
                .isInstanceOf(FormatException.class).satisfies(code(ErrorCode.CONTEXT_EXCEEDED))
                .hasMessageContaining("max_context 8").hasMessageContaining("got 8");
        assertThat(g.lastError()).isEqualTo("ContextExceeded");
        assertGoldenStillWorks(g);

        // invalid UTF-8 in the prompt, named with its offset
        assertThatThrownBy(() -> g.generate(goldenModel, new byte[] {'h', (byte) 0xC3, '(', 'x'}, 4, Sampling.GREEDY))
                .isInstanceOf(FormatException.class).satisfies(code(ErrorCode.INVALID_UTF8))
                .satisfies(e -> assertThat(((FormatException) e).offset()).isEqualTo(1));
        assertThat(g.lastError()).isEqualTo("InvalidUtf8");
        assertGoldenStillWorks(g);

        // invalid sampling settings, never clamped
        for (Sampling bad : List.of(new Sampling(-1f, 1, 1f, 1), new Sampling(1f, 0, 1f, 1),
                new Sampling(1f, 2000, 1f, 1), new Sampling(1f, 5, 0f, 1), new Sampling(1f, 5, Float.NaN, 1))) {
            assertThatThrownBy(() -> g.generate(goldenModel, utf8("hello"), 4, bad))
                    .isInstanceOf(FormatException.class).satisfies(code(ErrorCode.INVALID_SAMPLING));
            assertThat(g.lastError()).isEqualTo("InvalidSampling");
            assertGoldenStillWorks(g);
        }

        // max_new_tokens out of range, empty prompt
        for (int n : new int[] {0, -1, Generator.MAX_NEW_TOKENS + 1}) {
            assertThatThrownBy(() -> g.generate(goldenModel, utf8("hello"), n, Sampling.GREEDY))
                    .isInstanceOf(FormatException.class).satisfies(code(ErrorCode.INVALID_LENGTH));
            assertGoldenStillWorks(g);
        }
        assertThatThrownBy(() -> g.generate(goldenModel, new byte[0], 4, Sampling.GREEDY))
                .isInstanceOf(FormatException.class).satisfies(code(ErrorCode.INVALID_LENGTH));
        assertThat(g.lastError()).isEqualTo("InvalidLength");
        assertGoldenStillWorks(g);
    }

    @Test
    void logLikelihoodIsTheSumOfLogSoftmaxValuesReadDuringAForcedDecode() {
        Generator g = new Generator(new ScalarKernels());
        int[] prompt = Generator.promptTokens(goldenModel, utf8("hello"));
        int[] continuation = {32, 119, 111, 114, 108, 100, golden.expected()[0], 300 - 45};
        float[] logProbs = g.teacherForcedLogProbs(goldenModel, prompt, continuation);

        // a forced decode by hand: forward the prompt, then read and feed each expected token
        State state = new State(goldenModel.config());
        float[] logits = null;
        for (int pos = 0; pos < prompt.length; pos++) {
            logits = Transformer.forward(goldenModel, state, new ScalarKernels(), prompt[pos], pos);
        }
        float sum = 0f;
        float expectedSum = 0f;
        for (int j = 0; j < continuation.length; j++) {
            float lp = LogSoftmax.at(logits, logits.length, continuation[j]);
            assertThat(Float.floatToRawIntBits(logProbs[j])).as("token %d", j).isEqualTo(Float.floatToRawIntBits(lp));
            assertThat((double) lp).isCloseTo(doubleLogSoftmax(logits, continuation[j]), org.assertj.core.data.Offset.offset(1e-4));
            assertThat(lp).isLessThanOrEqualTo(0f);
            expectedSum += lp;
            sum += logProbs[j];
            logits = Transformer.forward(goldenModel, state, new ScalarKernels(), continuation[j], state.kvLength());
        }
        assertThat(sum).isEqualTo(expectedSum);

        // the greedy continuation is each step's argmax: the highest log-probability in the vocabulary
        float[] greedy = g.teacherForcedLogProbs(goldenModel, prompt, golden.expected());
        assertThat(greedy).hasSize(golden.expected().length);
        // scoring is independent of earlier calls
        assertThat(g.teacherForcedLogProbs(goldenModel, prompt, continuation)).containsExactly(logProbs);
        assertThat(g.teacherForcedLogProbs(goldenModel, prompt, new int[0])).isEmpty();
    }

    @Test
    void teacherForcingRejectsWhatDoesNotFitAndStaysUsable() {
        Generator g = new Generator(new ScalarKernels());
        Model small = Model.of(TinyModels.build(golden.spec().withContext(8)));
        int[] prompt = {256, 104, 105};
        // 3 prompt positions + 5 fed continuation tokens = 8 = max_context: fits (the 6th is only read)
        assertThat(g.teacherForcedLogProbs(small, prompt, new int[] {1, 2, 3, 4, 5, 6})).hasSize(6);
        assertThatThrownBy(() -> g.teacherForcedLogProbs(small, prompt, new int[] {1, 2, 3, 4, 5, 6, 7}))
                .isInstanceOf(FormatException.class).satisfies(code(ErrorCode.CONTEXT_EXCEEDED));
        assertThat(g.lastError()).isEqualTo("ContextExceeded");
        assertThatThrownBy(() -> g.teacherForcedLogProbs(small, new int[8], new int[0]))
                .isInstanceOf(FormatException.class).satisfies(code(ErrorCode.CONTEXT_EXCEEDED));
        assertThatThrownBy(() -> g.teacherForcedLogProbs(small, prompt, new int[] {1, 260}))
                .isInstanceOf(FormatException.class).satisfies(code(ErrorCode.INVALID_LENGTH));
        assertThatThrownBy(() -> g.teacherForcedLogProbs(small, new int[0], new int[] {1}))
                .isInstanceOf(FormatException.class).satisfies(code(ErrorCode.INVALID_LENGTH));
        assertGoldenStillWorks(g);
        assertThat(g.teacherForcedLogProbs(small, prompt, new int[] {1, 2, 3, 4, 5, 6})).hasSize(6);
        assertThat(g.lastError()).isEmpty();
    }

    @Test
    void promptTokensStripOneTerminalEosAndKeepBos() {
        Model bpe = Model.of(TinyModels.build(GeneratorGoldenTest.cases().get(6).spec()));
        assertThat(Generator.promptTokens(bpe, utf8("the"))).containsExactly(256, 261);
        assertThat(Generator.promptTokens(goldenModel, utf8("hi"))).containsExactly(256, 'h', 'i');
    }

    private static double doubleLogSoftmax(float[] logits, int token) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        return logits[token] - max - Math.log(sum);
    }

    /**
     * A model whose only possible next token is EOS: every embedding is all ones, the blocks
     * add nothing (wo and w2 zero), and only output row 257 is non-zero.
     */
    static SlmModel eosModel() {
        SlmModel base = TinyModels.build(TinyModels.Spec.of(DType.F32, false, false, 4, 2, 5));
        int dim = base.header().hiddenSize();
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor t : base.tensors()) {
            TensorData.F32 d = (TensorData.F32) t.data();
            float[] v = d.values().clone();
            if (t.nameHash() == Fnv.nameHash(TensorNames.TOK_EMBEDDINGS)) {
                Arrays.fill(v, 1f);
            } else if (t.nameHash() == Fnv.nameHash(TensorNames.OUTPUT)) {
                Arrays.fill(v, 0f);
                Arrays.fill(v, Tokenizer.EOS * dim, (Tokenizer.EOS + 1) * dim, 1f);
            } else if (isLayer(t, "wo") || isLayer(t, "w2")) {
                Arrays.fill(v, 0f);
            }
            tensors.add(new Tensor(t.nameHash(), t.dims(), new TensorData.F32(d.rows(), d.cols(), v)));
        }
        return new SlmModel(base.header(), base.tokenizer(), tensors);
    }

    private static boolean isLayer(Tensor t, String suffix) {
        return t.nameHash() == Fnv.nameHash(TensorNames.layer(0, suffix))
                || t.nameHash() == Fnv.nameHash(TensorNames.layer(1, suffix));
    }
}
