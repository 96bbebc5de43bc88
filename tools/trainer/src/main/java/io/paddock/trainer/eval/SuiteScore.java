package io.paddock.trainer.eval;

import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.suite.EvalCase;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact-match counts of one candidate on a suite, overall and per task (the case id up to its
 * last {@code -}), as the runtime's evaluator judged them.
 *
 * @param failure the candidate-level failure (e.g. an adapter that does not bind), or null
 */
public record SuiteScore(int passed, int total, Map<String, TaskCount> byTask, String failure) {

    /** Cases passed and run of one task. */
    public record TaskCount(int passed, int total) {
    }

    public SuiteScore {
        byTask = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byTask));
    }

    static SuiteScore of(List<EvalCase> cases, List<CaseResult> results) {
        Map<String, TaskCount> byTask = new LinkedHashMap<>();
        int passed = 0;
        for (int i = 0; i < cases.size(); i++) {
            String id = cases.get(i).id();
            int dash = id.lastIndexOf('-');
            boolean matched = results.get(i) instanceof CaseEvidence e && e.matched();
            byTask.merge(dash < 0 ? id : id.substring(0, dash), new TaskCount(matched ? 1 : 0, 1),
                    (a, b) -> new TaskCount(a.passed() + b.passed(), a.total() + b.total()));
            passed += matched ? 1 : 0;
        }
        return new SuiteScore(passed, cases.size(), byTask, null);
    }

    static SuiteScore failed(int total, String cause) {
        return new SuiteScore(0, total, Map.of(), cause);
    }

    public double rate() {
        return total == 0 ? 0 : (double) passed / total;
    }

    /** A summary line such as {@code 57/60 (95.0%) reverse 38/40, add 19/20} (or the failure). */
    @Override
    public String toString() {
        if (failure != null) {
            return "failed: " + failure;
        }
        StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT, "%d/%d (%.1f%%)", passed, total,
                100.0 * rate()));
        if (byTask.size() > 1) {
            String sep = " ";
            for (Map.Entry<String, TaskCount> e : byTask.entrySet()) {
                TaskCount c = e.getValue();
                s.append(sep).append(e.getKey()).append(' ').append(c.passed()).append('/').append(c.total());
                sep = ", ";
            }
        }
        return s.toString();
    }
}
