package io.paddock.coordinator.rank;

import io.paddock.protocol.random.XorShift64;

/**
 * Seeded bootstrap of a mean of 0/1 case scores: B resamples of n case indices drawn with
 * {@link XorShift64#nextInt(int)}, each mean = count ÷ n, then {@link PercentileInterval}.
 */
public final class QualityBootstrap {

    private QualityBootstrap() {
    }

    public static Interval interval(int[] scores, int resamples, long seed) {
        int n = scores.length;
        if (n == 0) {
            throw new IllegalArgumentException("no case scores to resample");
        }
        XorShift64 rng = new XorShift64(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += scores[rng.nextInt(n)];
            }
            means[b] = (double) sum / n;
        }
        return PercentileInterval.of(means);
    }
}
