package io.paddock.coordinator.results;

import java.io.Serializable;

/**
 * A result as received for one lease: the worker's result message as it arrived (its JSON text), who
 * produced them (worker id, kind, trust) and how long it took. Stored under
 * {@link #key(String, int, int, long)} before the scheduler is told, so whichever epoch the
 * unit settles on, its payload is there.
 *
 * @param workerId          who sent it
 * @param workerKind        jvm or browser
 * @param trusted           the worker's trust level when it sent it
 * @param from              first case index
 * @param digest            evidence digest (recomputed by the coordinator)
 * @param messageJson       the wire {@code result} message, verbatim
 * @param wallNanos         unit wall time on the worker
 * @param generatedTokens   tokens generated over the unit
 * @param calibrationFactor the worker's calibration factor
 */
public record UnitPayload(String workerId, String workerKind, boolean trusted, int from, String digest,
                          String messageJson, long wallNanos, long generatedTokens, double calibrationFactor)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static String key(String generationId, int candidate, int unit, long epoch) {
        return generationId + "/" + candidate + "/" + unit + "/" + epoch;
    }
}
