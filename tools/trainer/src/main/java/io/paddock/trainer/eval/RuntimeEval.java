package io.paddock.trainer.eval;

import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.adapter.Adapter;
import io.paddock.runtime.eval.Candidate;
import io.paddock.runtime.eval.CandidateEvaluation;
import io.paddock.runtime.eval.Evaluator;
import io.paddock.vector.JvmKernels;

import java.util.List;

/**
 * Scores a model (with adapters) on eval cases through the real runtime: the evaluator
 * {@code paddock eval} uses, greedy sampling.
 */
public final class RuntimeEval {
    private RuntimeEval() {
    }

    /**
     * @param baseDigest the base file's SHA-256, checked against adapters bound to a parent; null
     *                   when the base was never written to a file
     */
    public static SuiteScore score(SlmModel base, List<Adapter> adapters, Digest baseDigest, List<EvalCase> cases) {
        Evaluator evaluator = new Evaluator(JvmKernels.create(true, 1));
        CandidateEvaluation result = evaluator.evaluate(new Candidate(base, adapters, baseDigest), cases,
                Sampling.GREEDY);
        if (result instanceof CandidateEvaluation.Completed c) {
            return SuiteScore.of(cases, c.results());
        }
        CandidateEvaluation.Failed f = (CandidateEvaluation.Failed) result;
        return SuiteScore.failed(cases.size(), f.code() + ": " + f.cause());
    }

    public static SuiteScore score(SlmModel model, List<EvalCase> cases) {
        return score(model, List.of(), null, cases);
    }
}
