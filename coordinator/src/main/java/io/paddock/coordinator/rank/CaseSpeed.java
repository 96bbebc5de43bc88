package io.paddock.coordinator.rank;

import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.Diagnostics;

/**
 * Timing of one case on one worker. The calibration factor is the worker's speed on the
 * fixed reference workload relative to the nominal reference (2.0 = twice as fast), so
 * {@link #normalized()} = tokens/s ÷ factor is comparable across workers.
 *
 * @param caseId            the case
 * @param tokensPerSecond   decode speed as measured (0 when nothing was decoded)
 * @param calibrationFactor the worker's calibration factor, finite and positive
 * @param wallNanos         prefill + decode wall time
 */
public record CaseSpeed(String caseId, double tokensPerSecond, double calibrationFactor, long wallNanos) {

    public CaseSpeed {
        if (caseId == null) {
            throw new IllegalArgumentException("caseId is required");
        }
        if (!Double.isFinite(tokensPerSecond) || tokensPerSecond < 0) {
            throw new IllegalArgumentException("tokensPerSecond of case '" + caseId + "' must be finite and >= 0, was "
                    + tokensPerSecond);
        }
        if (!Double.isFinite(calibrationFactor) || calibrationFactor <= 0) {
            throw new IllegalArgumentException("calibrationFactor of case '" + caseId + "' must be finite and > 0, was "
                    + calibrationFactor);
        }
        if (wallNanos < 0) {
            throw new IllegalArgumentException("wallNanos of case '" + caseId + "' must be >= 0, was " + wallNanos);
        }
    }

    /** The figures of a case's diagnostics, with the calibration factor of the worker that ran it. */
    public static CaseSpeed of(CaseEvidence evidence, double calibrationFactor) {
        Diagnostics d = evidence.diagnostics();
        return new CaseSpeed(evidence.caseId(), d.tokensPerSecond(), calibrationFactor,
                Math.addExact(d.prefillNanos(), d.decodeNanos()));
    }

    /** Tokens per second relative to the reference workload. */
    public double normalized() {
        return tokensPerSecond / calibrationFactor;
    }
}
