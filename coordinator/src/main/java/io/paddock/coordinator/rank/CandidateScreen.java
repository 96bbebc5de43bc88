package io.paddock.coordinator.rank;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseFailure;
import io.paddock.protocol.evidence.CaseResult;

import java.util.Optional;

/**
 * Decides whether an evaluated candidate can be ranked. It cannot when none of its cases
 * ran (every case a {@code CaseFailure}: the first failure's code and cause are reported) or
 * when its evidence holds a value no ranking can use (non-finite log-likelihood, edit
 * similarity outside [0, 1], negative token count). Such a candidate is listed as failed,
 * never scored 0.
 */
public final class CandidateScreen {

    private CandidateScreen() {
    }

    public static Optional<FailedCandidate> screen(EvaluatedCandidate c) {
        CaseFailure firstFailure = null;
        int ran = 0;
        for (CaseResult r : c.results()) {
            if (r instanceof CaseEvidence e) {
                ran++;
                String problem = problem(e);
                if (problem != null) {
                    ErrorCode code = Float.isFinite(e.logLikelihoodSum()) ? ErrorCode.GENERATION_FAILED
                            : ErrorCode.NON_FINITE_VALUE;
                    return Optional.of(new FailedCandidate(c.id(), c.parent(), code,
                            "case '" + e.caseId() + "': " + problem));
                }
            } else if (firstFailure == null) {
                firstFailure = (CaseFailure) r;
            }
        }
        if (ran == 0) {
            int n = c.results().size();
            return Optional.of(new FailedCandidate(c.id(), c.parent(), firstFailure.code(),
                    "every case failed (" + n + " of " + n + "); first: case '" + firstFailure.caseId() + "': "
                            + firstFailure.cause()));
        }
        return Optional.empty();
    }

    private static String problem(CaseEvidence e) {
        if (!Float.isFinite(e.logLikelihoodSum())) {
            return "log-likelihood sum is not finite: " + e.logLikelihoodSum();
        }
        float s = e.editSimilarity();
        if (!(s >= 0f && s <= 1f)) {
            return "edit similarity must be in [0, 1], was " + s;
        }
        if (e.expectedTokens() < 0) {
            return "expected token count must be >= 0, was " + e.expectedTokens();
        }
        return null;
    }
}
