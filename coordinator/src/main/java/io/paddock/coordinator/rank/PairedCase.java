package io.paddock.coordinator.rank;

/**
 * One case that both the candidate and the parent ran: their scores (0 or 1) and their
 * teacher-forced log-likelihood sums with the expected token counts.
 */
public record PairedCase(
        int candidateScore,
        int parentScore,
        double candidateLogLikelihood,
        int candidateTokens,
        double parentLogLikelihood,
        int parentTokens) {

    public PairedCase {
        if ((candidateScore != 0 && candidateScore != 1) || (parentScore != 0 && parentScore != 1)) {
            throw new IllegalArgumentException("scores must be 0 or 1, were " + candidateScore + " and " + parentScore);
        }
        if (candidateTokens < 0 || parentTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0, were " + candidateTokens + " and " + parentTokens);
        }
        if (!Double.isFinite(candidateLogLikelihood) || !Double.isFinite(parentLogLikelihood)) {
            throw new IllegalArgumentException("log-likelihoods must be finite, were " + candidateLogLikelihood
                    + " and " + parentLogLikelihood);
        }
    }
}
