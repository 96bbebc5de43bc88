package io.paddock.runtime.eval;

import io.paddock.protocol.evidence.CaseResult;

/** Told after each case of an evaluation finishes (for progress bars and per-case tables). */
@FunctionalInterface
public interface EvalProgress {
    /** Reports nothing. */
    EvalProgress NONE = (caseIndex, caseCount, result) -> { };

    /**
     * @param caseIndex index of the finished case, from 0
     * @param caseCount cases in this evaluation
     * @param result    the case's evidence or failure
     */
    void caseFinished(int caseIndex, int caseCount, CaseResult result);
}
