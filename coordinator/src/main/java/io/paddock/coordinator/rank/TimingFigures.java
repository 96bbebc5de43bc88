package io.paddock.coordinator.rank;

/**
 * The timing-based figures of one candidate: never part of the deterministic ranking.
 *
 * @param id           the candidate
 * @param speed        median calibrated tokens/s over the cases that decoded tokens (0 if none did)
 * @param speedSamples how many cases the median is taken over
 * @param wallNanos    Σ prefill + decode wall time over its cases
 */
public record TimingFigures(String id, double speed, int speedSamples, long wallNanos) {
}
