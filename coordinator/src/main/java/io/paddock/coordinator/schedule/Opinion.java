package io.paddock.coordinator.schedule;

import io.paddock.protocol.error.ErrorCode;

import java.io.Serializable;

/**
 * One worker's answer for a unit: an evidence digest, or a candidate-level failure.
 *
 * @param epoch        the lease it answered
 * @param workerId     who answered
 * @param workerKind   jvm or browser
 * @param trusted      whether that worker was trusted
 * @param digest       evidence digest, or null for a failure
 * @param failureCode  the failure's code, or null for evidence
 * @param failureCause the failure's cause, or null for evidence
 */
public record Opinion(long epoch, String workerId, String workerKind, boolean trusted, String digest,
                      ErrorCode failureCode, String failureCause) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static Opinion evidence(long epoch, String workerId, String kind, boolean trusted, String digest) {
        return new Opinion(epoch, workerId, kind, trusted, digest, null, null);
    }

    public static Opinion failure(long epoch, String workerId, String kind, boolean trusted, ErrorCode code, String cause) {
        return new Opinion(epoch, workerId, kind, trusted, null, code, cause);
    }

    public boolean succeeded() {
        return digest != null;
    }
}
