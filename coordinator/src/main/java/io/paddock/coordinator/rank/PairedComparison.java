package io.paddock.coordinator.rank;

/**
 * A candidate against the parent on the cases both ran (paired bootstrap). For the parent
 * itself and when there is nothing to compare, only {@link #verdict()} is meaningful and the
 * figures are zero.
 *
 * @param verdict                 from the quality difference interval
 * @param sharedCases             cases both ran without failure
 * @param qualityDifference       candidate − parent mean score on the shared cases
 * @param qualityInterval         its 95% paired bootstrap interval
 * @param logLikelihoodDifference candidate − parent per-token log-likelihood on the shared cases
 * @param logLikelihoodInterval   its 95% paired bootstrap interval (same resamples)
 * @param logLikelihoodVerdict    from the log-likelihood difference interval
 */
public record PairedComparison(
        Verdict verdict,
        int sharedCases,
        double qualityDifference,
        Interval qualityInterval,
        double logLikelihoodDifference,
        Interval logLikelihoodInterval,
        Verdict logLikelihoodVerdict) {

    public static PairedComparison parent(int cases) {
        return placeholder(Verdict.PARENT, cases);
    }

    public static PairedComparison notApplicable(int sharedCases) {
        return placeholder(Verdict.NOT_APPLICABLE, sharedCases);
    }

    private static PairedComparison placeholder(Verdict verdict, int cases) {
        return new PairedComparison(verdict, cases, 0, Interval.ZERO, 0, Interval.ZERO, verdict);
    }
}
