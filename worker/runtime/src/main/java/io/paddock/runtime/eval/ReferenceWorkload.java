package io.paddock.runtime.eval;

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
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.model.Model;

import java.util.Arrays;

/**
 * The fixed calibration workload {@code ref-v1}: a seeded f32 model (2 layers, hidden 128,
 * 4 heads, FFN 384, context 256, byte tokenizer) decoding 96 tokens greedily from a fixed
 * prompt. A worker runs it at start with its own kernels and threads; its tokens per second
 * make unit sizes and speed figures comparable across workers. JVM and browser workers run
 * this one definition.
 */
public final class ReferenceWorkload {
    public static final String NAME = WireMessage.Calibration.REFERENCE_WORKLOAD;
    static final int TOKENS = 96;
    static final int RUNS = 3;
    private static final EvalCase CASE = new EvalCase("calibration", "Paddock calibration: the quick brown fox",
            "x", TOKENS, MatchRule.EXACT);

    private ReferenceWorkload() {
    }

    /** The reference model (same every time). */
    public static SlmModel model() {
        return RandomModels.generate(RandomModelSpec.of(2, 128, 4, 4, 384, 256, TokenizerSpec.btok(), DType.F32,
                false, 0x5EEDL));
    }

    /** Runs the workload (one warm-up, then the median of {@value #RUNS} runs). */
    public static WireMessage.Calibration measure(Kernels kernels) {
        return measure(kernels, Model.of(model()));
    }

    /** Runs the workload on {@code model} (which must be {@link #model()}, e.g. already placed by the caller). */
    public static WireMessage.Calibration measure(Kernels kernels, Model model) {
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
