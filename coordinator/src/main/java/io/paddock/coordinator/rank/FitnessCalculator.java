package io.paddock.coordinator.rank;

import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseResult;

import java.util.Arrays;

/**
 * Computes a screened candidate's {@link FitnessVector} (evidence only, suite order) and its
 * {@link TimingFigures} (timings only).
 */
public final class FitnessCalculator {

    private FitnessCalculator() {
    }

    public static FitnessVector fitness(EvaluatedCandidate c, RankingSettings settings) {
        int n = c.results().size();
        int[] scores = new int[n];
        int passed = 0;
        int failed = 0;
        int errored = 0;
        double similarity = 0;
        double logLikelihood = 0;
        long tokens = 0;
        for (int i = 0; i < n; i++) {
            CaseResult r = c.results().get(i);
            if (r instanceof CaseEvidence e) {
                scores[i] = e.matched() ? 1 : 0;
                if (e.matched()) {
                    passed++;
                } else {
                    failed++;
                }
                similarity += e.editSimilarity();
                logLikelihood += e.logLikelihoodSum();
                tokens += e.expectedTokens();
            } else {
                errored++;
            }
        }
        long seed = BootstrapSeed.derive(settings.generationSeed(), BootstrapSeed.QUALITY, c.id());
        return new FitnessVector(
                (double) passed / n,
                QualityBootstrap.interval(scores, settings.resamples(), seed),
                similarity / n,
                tokens == 0 ? 0 : logLikelihood / tokens,
                c.costBytesPerToken(),
                c.size(),
                passed, failed, errored);
    }

    /** Median calibrated speed over cases that decoded tokens, and the summed wall time. */
    public static TimingFigures timing(EvaluatedCandidate c) {
        double[] speeds = new double[c.speeds().size()];
        int k = 0;
        long wall = 0;
        for (CaseSpeed s : c.speeds()) {
            wall = Math.addExact(wall, s.wallNanos());
            if (s.tokensPerSecond() > 0) {
                speeds[k++] = s.normalized();
            }
        }
        return new TimingFigures(c.id(), median(Arrays.copyOf(speeds, k)), k, wall);
    }

    /** Median (mean of the two middle values for an even count); 0 for no value. */
    static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
