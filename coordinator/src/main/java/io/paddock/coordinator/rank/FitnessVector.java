package io.paddock.coordinator.rank;

/**
 * The deterministic figures of one candidate, computed from its evidence only.
 *
 * @param quality           mean case score: matched = 1, otherwise (errored cases included) 0
 * @param qualityInterval   seeded bootstrap 95% percentile interval of the quality
 * @param editSimilarity    mean edit similarity over all cases (errored cases count 0)
 * @param logLikelihood     Σ log-likelihood sums ÷ Σ expected tokens over the cases that ran (0 if no token)
 * @param costBytesPerToken weight bytes read per generated token
 * @param size              package bytes
 * @param casesPassed       cases that ran and matched
 * @param casesFailed       cases that ran and did not match
 * @param casesErrored      cases that could not run (a {@code CaseFailure})
 */
public record FitnessVector(
        double quality,
        Interval qualityInterval,
        double editSimilarity,
        double logLikelihood,
        long costBytesPerToken,
        PackageSize size,
        int casesPassed,
        int casesFailed,
        int casesErrored) {

    public int casesTotal() {
        return casesPassed + casesFailed + casesErrored;
    }

    /** The value of a deterministic objective. */
    public double value(Objective objective) {
        switch (objective) {
            case QUALITY:
                return quality;
            case LOG_LIKELIHOOD:
                return logLikelihood;
            case COST:
                return costBytesPerToken;
            case SIZE:
                return size.total();
            default:
                throw new IllegalArgumentException(objective + " is not a deterministic objective");
        }
    }
}
