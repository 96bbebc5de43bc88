package io.paddock.coordinator.rank;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseFailure;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.Diagnostics;
import io.paddock.protocol.suite.Sampling;

import java.util.ArrayList;
import java.util.List;

/** Builders of evidence for the ranking tests. */
final class Cases {

    private Cases() {
    }

    static CaseEvidence evidence(String caseId, boolean matched, float similarity, float logLikelihoodSum, int tokens) {
        Diagnostics d = new Diagnostics(5, 4, 1_000, 4_000, 1_000.0, 9, 1024, "f32", 0, 7L, "", Sampling.GREEDY);
        return new CaseEvidence(caseId, new int[] {256, 65}, new int[] {66}, "B", true, matched, similarity,
                logLikelihoodSum, tokens == 0 ? 0 : logLikelihoodSum / tokens, tokens, d);
    }

    static CaseFailure failure(String caseId) {
        return new CaseFailure(caseId, ErrorCode.CONTEXT_EXCEEDED, "prompt of 600 tokens >= max_context 512");
    }

    /** {@code n} cases c00.., the first {@code matched} of which match; log-likelihood -1 per token (2 tokens). */
    static List<CaseResult> results(int n, int matched) {
        return results(n, matched, -2f);
    }

    static List<CaseResult> results(int n, int matched, float logLikelihoodSum) {
        List<CaseResult> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean m = i < matched;
            out.add(evidence(caseId(i), m, m ? 1f : 0.5f, logLikelihoodSum, 2));
        }
        return out;
    }

    static String caseId(int i) {
        return String.format("c%02d", i);
    }

    /** One speed figure per case: {@code tokensPerSecond} on a worker with factor 1. */
    static List<CaseSpeed> speeds(List<CaseResult> results, double tokensPerSecond) {
        List<CaseSpeed> out = new ArrayList<>();
        for (CaseResult r : results) {
            out.add(new CaseSpeed(r.caseId(), tokensPerSecond, 1.0, 5_000));
        }
        return out;
    }

    static EvaluatedCandidate candidate(String id, boolean parent, List<CaseResult> results, long modelBytes,
                                        long cost, double tokensPerSecond) {
        return new EvaluatedCandidate(id, parent, new PackageSize(modelBytes, 0), cost, results,
                speeds(results, tokensPerSecond));
    }
}
