package io.paddock.coordinator.rank;

import java.util.Arrays;

/**
 * The 95% percentile interval of B bootstrap statistics: with the statistics sorted
 * ascending and {@code k = ⌊0.025 × B⌋} (integer arithmetic), low = sorted[k] and
 * high = sorted[B − 1 − k]. For B = 2000: sorted[50] and sorted[1949].
 */
public final class PercentileInterval {

    private PercentileInterval() {
    }

    public static Interval of(double[] statistics) {
        if (statistics.length == 0) {
            throw new IllegalArgumentException("no bootstrap statistics");
        }
        double[] sorted = statistics.clone();
        Arrays.sort(sorted);
        int k = tailIndex(sorted.length);
        return new Interval(sorted[k], sorted[sorted.length - 1 - k]);
    }

    /** ⌊0.025 × B⌋. */
    static int tailIndex(int resamples) {
        return (int) (resamples * 25L / 1000L);
    }
}
