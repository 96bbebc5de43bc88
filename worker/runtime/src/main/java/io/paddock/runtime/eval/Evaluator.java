package io.paddock.runtime.eval;

import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.Sampling;
import io.paddock.runtime.generate.Generator;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.model.Model;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a candidate on eval cases (issue 3 §5): assemble it, then run every case in
 * order. Each case yields evidence or its own typed failure; a failing case never stops the
 * others, and every case starts from a clear state and a re-seeded PRNG, so its evidence does
 * not depend on the cases run before it. Only typed errors ({@code FormatException}) become
 * failure records; anything else is a bug and propagates. Not thread-safe (one preallocated
 * state): use one evaluator per thread.
 */
public final class Evaluator {
    private final CaseRunner runner;

    public Evaluator(Kernels kernels) {
        this.runner = new CaseRunner(new Generator(kernels));
    }

    /** {@link #evaluate(Candidate, List, Sampling, EvalProgress)} without progress reports. */
    public CandidateEvaluation evaluate(Candidate candidate, List<EvalCase> cases, Sampling sampling) {
        return evaluate(candidate, cases, sampling, EvalProgress.NONE);
    }

    /**
     * Assembles {@code candidate} and runs {@code cases} in order. A candidate that cannot be
     * assembled (AdapterMismatch, InvalidAdapter, NonFiniteValue, an invalid model) is a
     * {@link CandidateEvaluation.Failed} and no case runs.
     */
    public CandidateEvaluation evaluate(Candidate candidate, List<EvalCase> cases, Sampling sampling,
                                        EvalProgress progress) {
        Model model;
        try {
            model = Assembler.assemble(candidate);
        } catch (FormatException e) {
            return new CandidateEvaluation.Failed(e.code(), "assembly: " + e.getMessage());
        }
        return new CandidateEvaluation.Completed(run(model, cases, sampling, progress));
    }

    /** Runs {@code cases} in order on an already assembled model; one result per case. */
    public List<CaseResult> run(Model model, List<EvalCase> cases, Sampling sampling, EvalProgress progress) {
        List<CaseResult> results = new ArrayList<>(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            CaseResult r = runner.run(model, cases.get(i), sampling);
            results.add(r);
            progress.caseFinished(i, cases.size(), r);
        }
        return results;
    }

    /** Runs one case on an already assembled model. */
    public CaseResult runCase(Model model, EvalCase evalCase, Sampling sampling) {
        return runner.run(model, evalCase, sampling);
    }
}
