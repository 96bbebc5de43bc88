package io.paddock.coordinator.rank;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BootstrapTest {
    private static final int[] SCORES = scores(40, 30);

    private static int[] scores(int n, int ones) {
        int[] s = new int[n];
        for (int i = 0; i < ones; i++) {
            s[(i * 7) % n] = 1;
        }
        return s;
    }

    @Test
    void percentileIndicesForTwoThousandResamples() {
        assertThat(PercentileInterval.tailIndex(2000)).isEqualTo(50);
        double[] stats = new double[2000];
        for (int i = 0; i < stats.length; i++) {
            stats[i] = 1999 - i;
        }
        assertThat(PercentileInterval.of(stats)).isEqualTo(new Interval(50, 1949));
        assertThat(PercentileInterval.of(new double[] {3})).isEqualTo(new Interval(3, 3));
    }

    @Test
    void sameSeedGivesTheSameInterval() {
        Interval a = QualityBootstrap.interval(SCORES, 2000, 42);
        Interval b = QualityBootstrap.interval(SCORES, 2000, 42);
        assertThat(a).isEqualTo(b);
        assertThat(a.low()).isLessThan(0.75).isGreaterThan(0.5);
        assertThat(a.high()).isGreaterThan(0.75).isLessThanOrEqualTo(0.9);
    }

    @Test
    void differentSeedsTypicallyGiveDifferentIntervals() {
        Set<Interval> seen = new HashSet<>();
        for (long seed = 1; seed <= 8; seed++) {
            seen.add(QualityBootstrap.interval(SCORES, 200, seed));
        }
        assertThat(seen.size()).isGreaterThan(1);
    }

    @Test
    void constantScoresGiveAPointInterval() {
        assertThat(QualityBootstrap.interval(new int[] {1, 1, 1}, 100, 5)).isEqualTo(new Interval(1, 1));
        assertThat(QualityBootstrap.interval(new int[] {0, 0}, 100, 5)).isEqualTo(new Interval(0, 0));
    }

    @Test
    void seedsDependOnGenerationSeedPurposeAndCandidate() {
        long base = BootstrapSeed.derive(7, BootstrapSeed.QUALITY, "a");
        assertThat(BootstrapSeed.derive(7, BootstrapSeed.QUALITY, "a")).isEqualTo(base);
        assertThat(List.of(BootstrapSeed.derive(8, BootstrapSeed.QUALITY, "a"),
                BootstrapSeed.derive(7, BootstrapSeed.PAIRED, "a"),
                BootstrapSeed.derive(7, BootstrapSeed.QUALITY, "b"))).doesNotContain(base);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(FitnessCalculator.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(FitnessCalculator.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(FitnessCalculator.median(new double[0])).isZero();
    }
}
