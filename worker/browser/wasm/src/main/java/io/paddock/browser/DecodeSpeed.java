package io.paddock.browser;

import io.paddock.protocol.suite.Sampling;
import io.paddock.runtime.generate.GenerationResult;
import io.paddock.runtime.generate.Generator;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.model.Model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decode tokens/s measured as the JVM's {@code DecodeBench} does: greedy generations from the
 * same prompt, warm-up runs first, then the median of the timed runs; a run's speed is
 * {@code (generated - 1) / decode time} (the first token comes from the prefill's logits).
 */
final class DecodeSpeed {
    /** The JVM bench's prompt. */
    static final String PROMPT = "Once upon a time";

    /** Median, slowest and fastest run in tokens/s, and the tokens a run generated. */
    record Figure(double median, double min, double max, int generated) {
    }

    private DecodeSpeed() {
    }

    static Figure measure(Kernels kernels, Model model, int newTokens, int warmupRuns, int runs) {
        if (newTokens < 2 || warmupRuns < 0 || runs < 1) {
            throw new IllegalArgumentException("new tokens must be >= 2, warm-up runs >= 0 and runs >= 1: "
                    + newTokens + ", " + warmupRuns + ", " + runs);
        }
        Generator generator = new Generator(kernels, model);
        byte[] prompt = PROMPT.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < warmupRuns; i++) {
            generator.generate(model, prompt, newTokens, Sampling.GREEDY);
        }
        double[] rates = new double[runs];
        int generated = 0;
        for (int i = 0; i < runs; i++) {
            GenerationResult r = generator.generate(model, prompt, newTokens, Sampling.GREEDY);
            generated = r.diagnostics().generatedTokens();
            long nanos = r.diagnostics().decodeNanos();
            rates[i] = generated > 1 && nanos > 0 ? (generated - 1) * 1e9 / nanos : 0.0;
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return new Figure(median, sorted[0], sorted[sorted.length - 1], generated);
    }
}
