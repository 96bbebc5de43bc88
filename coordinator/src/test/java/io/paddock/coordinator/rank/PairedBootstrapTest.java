package io.paddock.coordinator.rank;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PairedBootstrapTest {

    /** n cases; candidate matches the first {@code cand}, the parent the first {@code par}. */
    private static List<PairedCase> cases(int n, int cand, int par, double candLl, double parLl) {
        List<PairedCase> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new PairedCase(i < cand ? 1 : 0, i < par ? 1 : 0, candLl, 3, parLl, 3));
        }
        return out;
    }

    @Test
    void clearlyBetter() {
        PairedComparison c = PairedBootstrap.compare(cases(40, 38, 10, -1.5, -6), 2000, 1);
        assertThat(c.verdict()).isEqualTo(Verdict.BETTER);
        assertThat(c.sharedCases()).isEqualTo(40);
        assertThat(c.qualityDifference()).isEqualTo(0.7);
        assertThat(c.qualityInterval().low()).isGreaterThan(0);
        assertThat(c.logLikelihoodDifference()).isEqualTo(1.5);
        assertThat(c.logLikelihoodVerdict()).isEqualTo(Verdict.BETTER);
    }

    @Test
    void clearlyWorse() {
        PairedComparison c = PairedBootstrap.compare(cases(40, 5, 35, -9, -3), 2000, 2);
        assertThat(c.verdict()).isEqualTo(Verdict.WORSE);
        assertThat(c.qualityInterval().high()).isLessThan(0);
        assertThat(c.logLikelihoodVerdict()).isEqualTo(Verdict.WORSE);
    }

    @Test
    void identicalResultsAreIndistinguishable() {
        PairedComparison c = PairedBootstrap.compare(cases(30, 12, 12, -3, -3), 2000, 3);
        assertThat(c.verdict()).isEqualTo(Verdict.INDISTINGUISHABLE);
        assertThat(c.qualityInterval()).isEqualTo(Interval.ZERO);
        assertThat(c.logLikelihoodInterval()).isEqualTo(Interval.ZERO);
        assertThat(c.logLikelihoodVerdict()).isEqualTo(Verdict.INDISTINGUISHABLE);
    }

    @Test
    void aFewFlipsBothWaysAreIndistinguishable() {
        List<PairedCase> cases = new ArrayList<>(cases(40, 20, 20, -3, -3));
        cases.set(0, new PairedCase(0, 1, -3, 3, -3, 3));
        cases.set(1, new PairedCase(0, 1, -3, 3, -3, 3));
        cases.set(30, new PairedCase(1, 0, -3, 3, -3, 3));
        PairedComparison c = PairedBootstrap.compare(cases, 2000, 4);
        assertThat(c.verdict()).isEqualTo(Verdict.INDISTINGUISHABLE);
        assertThat(c.qualityInterval().low()).isLessThan(0);
        assertThat(c.qualityInterval().high()).isGreaterThan(0);
    }

    @Test
    void noSharedCaseIsNotApplicable() {
        assertThat(PairedBootstrap.compare(List.of(), 2000, 5).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    }

    @Test
    void sameSeedSameComparison() {
        List<PairedCase> cases = cases(25, 15, 10, -2, -2.5);
        assertThat(PairedBootstrap.compare(cases, 500, 9)).isEqualTo(PairedBootstrap.compare(cases, 500, 9));
    }
}
