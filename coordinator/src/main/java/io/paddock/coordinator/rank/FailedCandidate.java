package io.paddock.coordinator.rank;

import io.paddock.protocol.error.ErrorCode;

/**
 * A candidate that could not be evaluated (corrupt package, adapter that does not bind,
 * every case failing...). Listed after the ranked candidates with its cause, never scored.
 */
public record FailedCandidate(String id, boolean parent, ErrorCode code, String cause) implements CandidateOutcome {

    public FailedCandidate {
        EvaluatedCandidate.checkId(id);
        if (code == null || cause == null) {
            throw new IllegalArgumentException("failed candidate '" + id + "' needs a code and a cause");
        }
    }
}
