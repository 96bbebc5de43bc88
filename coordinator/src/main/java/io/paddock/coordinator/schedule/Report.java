package io.paddock.coordinator.schedule;

import io.paddock.protocol.error.ErrorCode;

import java.io.Serializable;

/**
 * A worker's answer for a lease, as ingestion hands it to the scheduler.
 *
 * @param unit         unit index
 * @param from         first case index the answer covers
 * @param to           one past its last case index
 * @param epoch        the lease's epoch
 * @param workerId     who answered
 * @param workerKind   jvm or browser
 * @param trusted      the worker's trust
 * @param digest       the evidence digest (recomputed by the coordinator), or null for a failure
 * @param failureCode  for a failure, its code
 * @param failureCause for a failure, its cause
 */
public record Report(int unit, int from, int to, long epoch, String workerId, String workerKind, boolean trusted, String digest,
                     ErrorCode failureCode, String failureCause) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Opinion opinion() {
        return new Opinion(epoch, workerId, workerKind, trusted, digest, failureCode, failureCause);
    }
}
