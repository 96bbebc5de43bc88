package io.paddock.runtime.eval;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterBinding;
import io.paddock.protocol.adapter.AdapterKind;
import io.paddock.protocol.adapter.DeltaRecord;
import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseFailure;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.EvidenceDigest;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.hash.Fnv;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.TensorNames;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.MatchRule;
import io.paddock.protocol.suite.Sampling;
import io.paddock.runtime.generate.Generator;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.kernel.ScalarKernels;
import io.paddock.runtime.math.Striped;
import io.paddock.runtime.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluatorTest {
    static final Sampling STOCHASTIC = new Sampling(0.8f, 40, 0.9f, 5L);
    static final String WQ0 = TensorNames.layer(0, "wq");

    static EvalCase c(String id, String prompt, String expected, int maxNewTokens, MatchRule rule) {
        return new EvalCase(id, prompt, expected, maxNewTokens, rule);
    }

    static List<CaseResult> completed(CandidateEvaluation e) {
        assertThat(e).isInstanceOf(CandidateEvaluation.Completed.class);
        return ((CandidateEvaluation.Completed) e).results();
    }

    static CaseEvidence evidence(CaseResult r) {
        assertThat(r).as("case %s ran", r.caseId()).isInstanceOf(CaseEvidence.class);
        return (CaseEvidence) r;
    }

    static CaseFailure failure(CaseResult r) {
        assertThat(r).as("case %s failed", r.caseId()).isInstanceOf(CaseFailure.class);
        return (CaseFailure) r;
    }

    /** A mixed suite: greedy-friendly prompts, every match rule, an empty expected text. */
    static List<EvalCase> suite() {
        return List.of(
                c("greet", "hello", "world", 6, MatchRule.CONTAINS),
                c("count", "1 2 3", " 4 5", 5, MatchRule.PREFIX),
                c("same", "abc", "abc", 3, MatchRule.EXACT),
                c("unicode", "caf\u00e9 \uD83D\uDE00", "\u00e9t\u00e9", 4, MatchRule.CONTAINS),
                c("empty", "x", "", 2, MatchRule.PREFIX));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "Q8_0"})
    void matchRulesOnAModelThatAlwaysSaysA(DType dtype) {
        Model model = Model.of(TinyModels.constant('a', dtype));
        Evaluator evaluator = new Evaluator(new ScalarKernels());
        List<CaseResult> results = evaluator.run(model, List.of(
                c("exact", "hi", "aaaa", 4, MatchRule.EXACT),
                c("prefix", "hi", "aa", 4, MatchRule.PREFIX),
                c("contains", "hi", "aaa", 5, MatchRule.CONTAINS),
                c("exact-miss", "hi", "ab", 4, MatchRule.EXACT),
                c("prefix-miss", "hi", "b", 4, MatchRule.PREFIX),
                c("contains-miss", "hi", "ba", 4, MatchRule.CONTAINS)), Sampling.GREEDY, EvalProgress.NONE);

        assertThat(results).extracting(r -> evidence(r).matched())
                .containsExactly(true, true, true, false, false, false);
        CaseEvidence exact = evidence(results.get(0));
        assertThat(exact.caseId()).isEqualTo("exact");
        assertThat(exact.promptTokens()).containsExactly(256, 'h', 'i');
        assertThat(exact.outputTokens()).containsExactly('a', 'a', 'a', 'a');
        assertThat(exact.outputText()).isEqualTo("aaaa");
        assertThat(exact.validUtf8()).isTrue();
        assertThat(exact.editSimilarity()).isEqualTo(1f);
        assertThat(exact.expectedTokens()).isEqualTo(4);
        assertThat(exact.logLikelihoodMean()).isEqualTo(exact.logLikelihoodSum() / 4f);
        assertThat(exact.diagnostics().generatedTokens()).isEqualTo(4);
        assertThat(exact.diagnostics().promptTokens()).isEqualTo(3);
        assertThat(exact.diagnostics().quantization()).isEqualTo(dtype == DType.F32 ? "f32" : "mixed");
        assertThat(exact.diagnostics().sampling()).isEqualTo(Sampling.GREEDY);

        CaseEvidence contains = evidence(results.get(2));
        assertThat(contains.outputText()).isEqualTo("aaaaa");
        CaseEvidence miss = evidence(results.get(3));
        assertThat(miss.editSimilarity()).isEqualTo(0.25f);    // "aaaa" vs "ab": distance 3 of 4
        // the model is sure of 'a' and not of 'b'
        assertThat(exact.logLikelihoodMean()).isGreaterThan(miss.logLikelihoodMean());
        assertThat(evidence(results.get(4)).logLikelihoodSum()).isLessThan(-1f);
    }

    @Test
    void invalidUtf8OutputIsAFailedMatchNotACrash() {
        Model model = Model.of(TinyModels.constant(0xFF, DType.F32));
        String shown = "\uFFFD\uFFFD\uFFFD";
        CaseResult r = new Evaluator(new ScalarKernels())
                .runCase(model, c("bytes", "hi", shown, 3, MatchRule.EXACT), Sampling.GREEDY);
        CaseEvidence e = evidence(r);
        assertThat(e.outputTokens()).containsExactly(0xFF, 0xFF, 0xFF);
        assertThat(e.validUtf8()).isFalse();
        assertThat(e.outputText()).isEqualTo(shown);
        assertThat(e.matched()).as("invalid UTF-8 never matches, even the shown text").isFalse();
        assertThat(e.editSimilarity()).isEqualTo(1f);
    }

    @Test
    void failingCasesAreTypedAndDoNotStopTheOthers() {
        Model model = Model.of(TinyModels.random(31, DType.F32, false));
        String twenty = "abcdefghijklmnopqrst";
        List<EvalCase> cases = List.of(
                c("ok1", "hello", "world", 4, MatchRule.CONTAINS),
                c("long-prompt", twenty + twenty, "x", 4, MatchRule.EXACT),
                c("long-expected", twenty, twenty, 2, MatchRule.EXACT),
                c("zero-tokens", "hello", "x", 0, MatchRule.EXACT),
                c("lone-surrogate", "a\uD800b", "x", 2, MatchRule.EXACT),
                c("expected-surrogate", "hello", "x\uDC00", 2, MatchRule.EXACT),
                c("empty-prompt", "", "x", 2, MatchRule.EXACT),
                c("ok2", "the cat", " sat", 5, MatchRule.PREFIX));
        List<CaseResult> results = new Evaluator(new ScalarKernels()).run(model, cases, STOCHASTIC,
                EvalProgress.NONE);

        assertThat(results).extracting(CaseResult::caseId)
                .containsExactly(cases.stream().map(EvalCase::id).toArray(String[]::new));
        evidence(results.get(0));
        assertFailure(results.get(1), ErrorCode.CONTEXT_EXCEEDED, CaseRunner.GENERATION);
        assertFailure(results.get(2), ErrorCode.CONTEXT_EXCEEDED, CaseRunner.LOG_LIKELIHOOD);
        assertFailure(results.get(3), ErrorCode.INVALID_LENGTH, CaseRunner.GENERATION);
        assertFailure(results.get(4), ErrorCode.INVALID_UTF8, CaseRunner.GENERATION);
        assertFailure(results.get(5), ErrorCode.INVALID_UTF8, CaseRunner.LOG_LIKELIHOOD);
        assertFailure(results.get(6), ErrorCode.INVALID_LENGTH, CaseRunner.GENERATION);
        CaseEvidence ok2 = evidence(results.get(7));
        assertThat(ok2.diagnostics().lastError()).isEmpty();

        // the model stays usable: ok2 is exactly what it is when run alone on a fresh evaluator
        CaseResult alone = new Evaluator(new ScalarKernels()).runCase(model, cases.get(7), STOCHASTIC);
        assertThat(EvidenceDigest.ofCase(alone)).isEqualTo(EvidenceDigest.ofCase(ok2));
    }

    private static void assertFailure(CaseResult r, ErrorCode code, String stage) {
        CaseFailure f = failure(r);
        assertThat(f.code()).as(f.cause()).isEqualTo(code);
        assertThat(f.cause()).startsWith(stage).contains(code.publishedName());
    }

    @Test
    void invalidSamplingFailsEveryCaseWithItsCode() {
        Model model = Model.of(TinyModels.random(32, DType.F32, false));
        List<CaseResult> results = new Evaluator(new ScalarKernels()).run(model, suite(),
                new Sampling(0.5f, 0, 1f, 1L), EvalProgress.NONE);
        assertThat(results).hasSize(suite().size())
                .allSatisfy(r -> assertThat(failure(r).code()).isEqualTo(ErrorCode.INVALID_SAMPLING));
    }

    @Test
    void emptyExpectedTextHasZeroLogLikelihoodOverZeroTokens() {
        Model model = Model.of(TinyModels.random(33, DType.F32, false));
        CaseEvidence e = evidence(new Evaluator(new ScalarKernels())
                .runCase(model, c("empty", "hello", "", 3, MatchRule.PREFIX), Sampling.GREEDY));
        assertThat(e.expectedTokens()).isZero();
        assertThat(e.logLikelihoodSum()).isEqualTo(0f);
        assertThat(e.logLikelihoodMean()).isEqualTo(0f);
        assertThat(e.matched()).isEqualTo(e.validUtf8());
    }

    @Test
    void logLikelihoodIsTheStripedSumOfTeacherForcedLogProbs() {
        Model model = Model.of(TinyModels.random(34, DType.Q8_0, false));
        EvalCase k = c("ll", "once upon", " a time there was", 3, MatchRule.PREFIX);
        CaseEvidence e = evidence(new Evaluator(new ScalarKernels()).runCase(model, k, Sampling.GREEDY));
        int[] expected = CaseRunner.expectedTokens(model.tokenizer(), k.expected().getBytes(StandardCharsets.UTF_8));
        assertThat(expected).hasSize(k.expected().length());
        float[] logProbs = new Generator(new ScalarKernels()).teacherForcedLogProbs(model, e.promptTokens(), expected);
        for (float lp : logProbs) {
            assertThat(lp).isLessThanOrEqualTo(0f);
        }
        assertThat(e.expectedTokens()).isEqualTo(expected.length);
        assertThat(e.logLikelihoodSum()).isEqualTo(Striped.sum(logProbs, 0, logProbs.length));
        assertThat(e.logLikelihoodMean()).isEqualTo(e.logLikelihoodSum() / (float) expected.length);
    }

    @Test
    void expectedTextIsTokenizedOnItsOwn() {
        assertThat(CaseRunner.expectedTokens(TinyModels.bpe(), bytes("the"))).containsExactly(261);
        assertThat(CaseRunner.expectedTokens(TinyModels.bpe(), bytes("he the"))).containsExactly('h', 'e', ' ', 261);
        assertThat(CaseRunner.expectedTokens(TinyModels.bpe(), bytes(""))).isEmpty();
        Model model = Model.of(TinyModels.random(35, DType.F32, true, 32, TinyModels.bpe()));
        // "t" + "he" would merge to "the" if encoded together; the expected text stands alone
        CaseEvidence e = evidence(new Evaluator(new ScalarKernels())
                .runCase(model, c("bpe", "the t", "he", 3, MatchRule.CONTAINS), Sampling.GREEDY));
        assertThat(e.promptTokens()).containsExactly(256, 261, ' ', 't');
        assertThat(e.expectedTokens()).isEqualTo(2);
    }

    @Test
    void aCaseGivesTheSameEvidenceWhateverRanBeforeIt() {
        Model model = Model.of(TinyModels.random(36, DType.F32, false));
        List<EvalCase> s = suite();
        Evaluator evaluator = new Evaluator(new ScalarKernels());
        List<CaseResult> forward = evaluator.run(model, s, STOCHASTIC, EvalProgress.NONE);
        List<EvalCase> reversed = new ArrayList<>(s);
        java.util.Collections.reverse(reversed);
        List<CaseResult> backward = evaluator.run(model, reversed, STOCHASTIC, EvalProgress.NONE);
        for (int i = 0; i < s.size(); i++) {
            CaseResult alone = new Evaluator(new ScalarKernels()).runCase(model, s.get(i), STOCHASTIC);
            String digest = EvidenceDigest.ofCase(alone);
            assertThat(EvidenceDigest.ofCase(forward.get(i))).as(s.get(i).id()).isEqualTo(digest);
            assertThat(EvidenceDigest.ofCase(backward.get(s.size() - 1 - i))).as(s.get(i).id()).isEqualTo(digest);
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void digestIsTheSameWithAnotherKernels(DType dtype) {
        SlmModel base = TinyModels.random(37, dtype, false);
        Candidate candidate = Candidate.of(base, List.of(TinyModels.dense(base, WQ0, 4, 0.5f)));
        for (Sampling sampling : List.of(Sampling.GREEDY, STOCHASTIC)) {
            String scalar = digest(new ScalarKernels(), candidate, sampling);
            String other = digest(new ReverseRowKernels(), candidate, sampling);
            assertThat(other).as("%s %s", dtype, sampling).isEqualTo(scalar);
        }
    }

    @Test
    void digestIsStableAcrossRunsAndPinned() {
        SlmModel f32 = TinyModels.random(21, DType.F32, false);
        SlmModel q8 = TinyModels.random(22, DType.Q8_0, true);
        String a = digest(new ScalarKernels(), Candidate.of(f32), STOCHASTIC);
        String b = digest(new ScalarKernels(), Candidate.of(q8, List.of(TinyModels.dense(q8, WQ0, 9, 0.5f))),
                Sampling.GREEDY);
        assertThat(digest(new ScalarKernels(), Candidate.of(f32), STOCHASTIC)).isEqualTo(a);
        // Golden values: the same on every JVM (17, 25) and in the browser build.
        assertThat(a).isEqualTo(GOLDEN_F32_STOCHASTIC);
        assertThat(b).isEqualTo(GOLDEN_Q8_ADAPTED_GREEDY);
    }

    static final String GOLDEN_F32_STOCHASTIC = "sha256:0d7bdde519b9b3922e3218e5d5f19476661f5c521b05963ccc201be4fe87274a";
    static final String GOLDEN_Q8_ADAPTED_GREEDY = "sha256:834cf55d0c0934213bdf5feea9b2c6c10005e941b5c4f54ec590fd7a9a088d8d";

    @Test
    void adaptersChangeTheEvidence() {
        SlmModel base = TinyModels.random(38, DType.F32, false);
        Candidate adapted = Candidate.of(base, List.of(TinyModels.dense(base, WQ0, 5, 2f)));
        List<CaseResult> plain = completed(new Evaluator(new ScalarKernels()).evaluate(Candidate.of(base), suite(),
                Sampling.GREEDY));
        List<CaseResult> with = completed(new Evaluator(new ScalarKernels()).evaluate(adapted, suite(),
                Sampling.GREEDY));
        assertThat(evidence(with.get(0)).diagnostics().adapterCount()).isEqualTo(1);
        assertThat(evidence(plain.get(0)).diagnostics().adapterCount()).isZero();
        assertThat(evidence(with.get(0)).diagnostics().assemblyChecksum())
                .isNotEqualTo(evidence(plain.get(0)).diagnostics().assemblyChecksum());
        assertThat(EvidenceDigest.of(with)).isNotEqualTo(EvidenceDigest.of(plain));
    }

    @Test
    void nanDeltaIsATypedCandidateFailure() {
        SlmModel base = TinyModels.random(39, DType.F32, false);
        float[] deltas = new float[TinyModels.HIDDEN * TinyModels.HIDDEN];
        deltas[7] = Float.NaN;
        Adapter nan = new Adapter(AdapterKind.DENSE, TinyModels.bindingOf(base), 1f,
                List.of(new DeltaRecord.Dense(Fnv.nameHash(WQ0), TinyModels.HIDDEN, TinyModels.HIDDEN, deltas)));
        assertCandidateFailure(Candidate.of(base, List.of(nan)), ErrorCode.NON_FINITE_VALUE);

        Arrays.fill(deltas, 2f);
        Adapter overflow = new Adapter(AdapterKind.DENSE, TinyModels.bindingOf(base), Float.MAX_VALUE,
                List.of(new DeltaRecord.Dense(Fnv.nameHash(WQ0), TinyModels.HIDDEN, TinyModels.HIDDEN, deltas)));
        assertCandidateFailure(Candidate.of(base, List.of(overflow)), ErrorCode.NON_FINITE_VALUE);
    }

    @Test
    void adapterForAnotherModelIsAnAdapterMismatch() {
        SlmModel base = TinyModels.random(40, DType.F32, false);
        SlmModel other = TinyModels.random(40, DType.F32, true);
        assertCandidateFailure(Candidate.of(base, List.of(TinyModels.dense(other, WQ0, 6, 1f))),
                ErrorCode.ADAPTER_MISMATCH);

        // bound to another parent file: checked when the base's digest is known
        AdapterBinding b = TinyModels.bindingOf(base);
        byte[] parent = new byte[32];
        Arrays.fill(parent, (byte) 1);
        Adapter bound = new Adapter(AdapterKind.SPARSE, new AdapterBinding(b.modelFlags(), b.tensorCount(),
                b.parameterCount(), b.tensorLayoutChecksum(), b.tokenizerChecksum(), parent), 1f,
                List.of(new DeltaRecord.Sparse(Fnv.nameHash(WQ0), TinyModels.HIDDEN, TinyModels.HIDDEN,
                        new int[] {3}, new float[] {0.5f})));
        Digest baseDigest = Digest.of(bytes("not the parent"));
        assertCandidateFailure(new Candidate(base, List.of(bound), baseDigest), ErrorCode.ADAPTER_MISMATCH);
        // the right parent binds
        Digest parentDigest = Digest.fromBytes(parent);
        assertThat(new Evaluator(new ScalarKernels()).evaluate(new Candidate(base, List.of(bound), parentDigest),
                suite(), Sampling.GREEDY)).isInstanceOf(CandidateEvaluation.Completed.class);
    }

    private static void assertCandidateFailure(Candidate candidate, ErrorCode code) {
        List<Integer> reported = new ArrayList<>();
        CandidateEvaluation e = new Evaluator(new ScalarKernels()).evaluate(candidate, suite(), Sampling.GREEDY,
                (i, n, r) -> reported.add(i));
        assertThat(e).isInstanceOf(CandidateEvaluation.Failed.class);
        CandidateEvaluation.Failed f = (CandidateEvaluation.Failed) e;
        assertThat(f.code()).as(f.cause()).isEqualTo(code);
        assertThat(f.cause()).startsWith("assembly: ").contains(code.publishedName());
        assertThat(reported).as("no case ran").isEmpty();
    }

    @Test
    void progressIsReportedAfterEachCaseInOrder() {
        Model model = Model.of(TinyModels.random(41, DType.F32, false));
        List<String> seen = new ArrayList<>();
        List<CaseResult> results = new Evaluator(new ScalarKernels()).run(model, suite(), Sampling.GREEDY,
                (i, n, r) -> seen.add(i + "/" + n + ":" + r.caseId()));
        assertThat(seen).containsExactly("0/5:greet", "1/5:count", "2/5:same", "3/5:unicode", "4/5:empty");
        assertThat(results).hasSize(5);
        CandidateEvaluation.Completed done = (CandidateEvaluation.Completed) new Evaluator(new ScalarKernels())
                .evaluate(Candidate.of(TinyModels.random(41, DType.F32, false)), suite(), Sampling.GREEDY);
        assertThat(done.evidenceDigest()).isEqualTo(EvidenceDigest.of(results));
    }

    private static String digest(Kernels kernels, Candidate candidate, Sampling sampling) {
        return ((CandidateEvaluation.Completed) new Evaluator(kernels).evaluate(candidate, suite(), sampling))
                .evidenceDigest();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
