package io.paddock.browser;

import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.RandomModelSpec;
import io.paddock.protocol.slm.RandomModels;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.TokenizerSpec;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.MatchRule;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.wire.WireMessage;
import io.paddock.runtime.eval.Evaluator;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.model.Model;

import java.util.Arrays;

/**
 * The calibration workload {@code ref-v1}, the same definition as the JVM worker's
 * ({@code io.paddock.worker.ReferenceWorkload}, checked equal by a test): a seeded f32 model
 * (2 layers, hidden 128, 4 heads, FFN 384, context 256, byte tokenizer) decoding 96 tokens
 * greedily from a fixed prompt; one warm-up, then the median of three runs.
 */
final class ReferenceWorkload {
    static final String NAME = WireMessage.Calibration.REFERENCE_WORKLOAD;
    static final int TOKENS = 96;
    static final int RUNS = 3;
    static final EvalCase CASE = new EvalCase("calibration", "Paddock calibration: the quick brown fox", "x", TOKENS,
            MatchRule.EXACT);

    private ReferenceWorkload() {
    }

    static SlmModel model() {
        return RandomModels.generate(RandomModelSpec.of(2, 128, 4, 4, 384, 256, TokenizerSpec.btok(), DType.F32,
                false, 0x5EEDL));
    }

    static WireMessage.Calibration measure(Kernels kernels, LinearKernels linear) {
        Model model = Model.of(model());
        if (linear != null) {
            linear.prepare(model);
        }
        Evaluator evaluator = new Evaluator(kernels);
        evaluator.runCase(model, CASE, Sampling.GREEDY);
        double[] speeds = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            speeds[i] = tokensPerSecond(evaluator.runCase(model, CASE, Sampling.GREEDY));
        }
        Arrays.sort(speeds);
        return new WireMessage.Calibration(NAME, Math.max(1e-3, speeds[RUNS / 2]));
    }

    private static double tokensPerSecond(CaseResult r) {
        if (r instanceof CaseEvidence e) {
            long nanos = e.diagnostics().prefillNanos() + e.diagnostics().decodeNanos();
            int tokens = e.diagnostics().promptTokens() + e.diagnostics().generatedTokens();
            return nanos > 0 ? tokens * 1e9 / nanos : 1e-3;
        }
        throw new IllegalStateException("the calibration workload failed: " + r);
    }
}
