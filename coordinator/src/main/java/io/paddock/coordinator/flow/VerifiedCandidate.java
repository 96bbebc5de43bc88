package io.paddock.coordinator.flow;

import io.paddock.coordinator.rank.CaseSpeed;
import io.paddock.coordinator.schedule.CandidateFailure;
import io.paddock.protocol.evidence.CaseResult;

import java.util.List;

/**
 * One candidate after the verify stage: its agreed results for every case in suite order with
 * their evidence digest and provenance, or its typed failure.
 *
 * @param planned        the candidate as planned
 * @param failure        null when it has results
 * @param results        one per case, suite order (empty on failure)
 * @param speeds         timing per case with the calibration of the worker that ran it
 * @param evidenceDigest digest over all its results (null on failure)
 * @param provenance     per unit, who produced its agreed result
 */
public record VerifiedCandidate(PlannedCandidate planned, CandidateFailure failure, List<CaseResult> results,
                                List<CaseSpeed> speeds, String evidenceDigest, List<UnitProvenance> provenance) {
    public VerifiedCandidate {
        results = List.copyOf(results);
        speeds = List.copyOf(speeds);
        provenance = List.copyOf(provenance);
    }

    public static VerifiedCandidate failed(PlannedCandidate planned, CandidateFailure failure) {
        return new VerifiedCandidate(planned, failure, List.of(), List.of(), null, List.of());
    }
}
