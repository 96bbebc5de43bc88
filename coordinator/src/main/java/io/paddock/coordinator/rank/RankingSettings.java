package io.paddock.coordinator.rank;

/**
 * How to rank a generation.
 *
 * @param generationSeed seeds every bootstrap (with the candidate id, see {@link BootstrapSeed})
 * @param resamples      bootstrap resamples B, 1..1,000,000 ({@link #DEFAULT_RESAMPLES} = 2000)
 * @param weights        the generation's objective weights
 * @param useTiming      whether a timing-based ranking (with speed) is produced as well
 */
public record RankingSettings(long generationSeed, int resamples, ObjectiveWeights weights, boolean useTiming) {
    public static final int DEFAULT_RESAMPLES = 2000;
    public static final int MAX_RESAMPLES = 1_000_000;

    public RankingSettings {
        if (resamples < 1 || resamples > MAX_RESAMPLES) {
            throw new IllegalArgumentException("resamples must be in 1.." + MAX_RESAMPLES + ", was " + resamples);
        }
        if (weights == null) {
            throw new IllegalArgumentException("weights are required");
        }
    }

    /** B = 2000, timing ranking on. */
    public static RankingSettings of(long generationSeed, ObjectiveWeights weights) {
        return new RankingSettings(generationSeed, DEFAULT_RESAMPLES, weights, true);
    }
}
