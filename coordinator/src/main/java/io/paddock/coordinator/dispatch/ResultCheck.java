package io.paddock.coordinator.dispatch;

import io.paddock.coordinator.flow.GenerationPlan;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.EvidenceDigest;

import java.util.List;

/**
 * The checks a result passes before anything is stored, logged or judged, pure: it holds at
 * least one case, its cases are consecutive cases of the suite starting at {@code from}, and
 * its evidence digest recomputes. Live ingestion and the replay of a result log after a restart
 * both use it.
 */
public final class ResultCheck {
    private ResultCheck() {
    }

    /** Why the result is wrong in itself, or null when it passes. {@code from} is its first case's index, or -1. */
    public static String problem(GenerationPlan plan, List<CaseResult> results, int from, String claimedDigest) {
        if (results.isEmpty()) {
            return "a result must hold at least one case";
        }
        if (from < 0) {
            return "unknown case id '" + results.get(0).caseId() + "'";
        }
        if (from + results.size() > plan.cases().size()) {
            return "more results than cases";
        }
        for (int i = 0; i < results.size(); i++) {
            if (!results.get(i).caseId().equals(plan.cases().get(from + i).id())) {
                return "result " + i + " is for case '" + results.get(i).caseId() + "', expected '"
                        + plan.cases().get(from + i).id() + "'";
            }
        }
        String digest;
        try {
            digest = EvidenceDigest.of(results);
        } catch (FormatException e) {
            return "evidence cannot be encoded: " + e.getMessage();
        }
        if (!digest.equals(claimedDigest)) {
            return "evidence digest " + claimedDigest + " does not match the evidence (" + digest + ")";
        }
        return null;
    }
}
