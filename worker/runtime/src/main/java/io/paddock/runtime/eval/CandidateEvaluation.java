package io.paddock.runtime.eval;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.EvidenceDigest;

import java.util.List;

/**
 * The outcome of evaluating one candidate: the case results in case order, or a
 * candidate-level failure when the candidate could not be assembled (then no case ran).
 */
public sealed interface CandidateEvaluation permits CandidateEvaluation.Completed, CandidateEvaluation.Failed {

    /** Every case ran (each one as evidence or as its own typed failure). */
    record Completed(List<CaseResult> results) implements CandidateEvaluation {
        public Completed {
            results = List.copyOf(results);
        }

        /** The evidence digest of the results ({@link EvidenceDigest#of}). */
        public String evidenceDigest() {
            return EvidenceDigest.of(results);
        }
    }

    /**
     * The candidate could not be assembled, e.g. {@link ErrorCode#ADAPTER_MISMATCH} or
     * {@link ErrorCode#NON_FINITE_VALUE}.
     *
     * @param code  the typed error
     * @param cause what failed, with the rule and the bad value
     */
    record Failed(ErrorCode code, String cause) implements CandidateEvaluation {
    }
}
