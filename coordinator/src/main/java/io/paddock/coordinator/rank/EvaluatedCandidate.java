package io.paddock.coordinator.rank;

import io.paddock.protocol.evidence.CaseResult;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A candidate that ran: its per-case results in suite order and the timing of those cases.
 *
 * @param id                the candidate id of the generation
 * @param parent            whether it is the parent
 * @param size              its package bytes
 * @param costBytesPerToken weight bytes read per generated token ({@link CostModel})
 * @param results           one result per case, suite order, unique case ids, at least one
 * @param speeds            per-case timing (may be empty; never part of the deterministic ranking)
 */
public record EvaluatedCandidate(
        String id,
        boolean parent,
        PackageSize size,
        long costBytesPerToken,
        List<CaseResult> results,
        List<CaseSpeed> speeds) implements CandidateOutcome {

    public EvaluatedCandidate {
        checkId(id);
        if (size == null) {
            throw new IllegalArgumentException("candidate '" + id + "' needs its package size");
        }
        if (costBytesPerToken < 0) {
            throw new IllegalArgumentException("cost of candidate '" + id + "' must be >= 0, was " + costBytesPerToken);
        }
        results = List.copyOf(results);
        speeds = List.copyOf(speeds);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("candidate '" + id + "' has no case results");
        }
        Set<String> seen = new HashSet<>();
        for (CaseResult r : results) {
            if (!seen.add(r.caseId())) {
                throw new IllegalArgumentException("candidate '" + id + "' has two results for case '" + r.caseId() + "'");
            }
        }
    }

    static void checkId(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("candidate id must be non-empty");
        }
    }
}
