package io.paddock.browser;

import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.EvidenceDigest;
import io.paddock.protocol.wire.WireMessage;
import io.paddock.runtime.eval.Evaluator;
import io.paddock.runtime.model.Model;

import java.util.ArrayList;
import java.util.List;

/**
 * One lease being worked on: its cases run one call at a time (so the tab can send heartbeats,
 * honour a cancel and throttle between cases), in the lease's order, then the result message,
 * exactly as the JVM worker builds it.
 */
final class UnitRun {
    private final WireMessage.Lease lease;
    private final long startNanos;
    private final List<CaseResult> results;
    private Model model;
    private long evalNanos;
    private long tokens;
    private CaseResult last;

    UnitRun(WireMessage.Lease lease) {
        this.lease = lease;
        this.startNanos = System.nanoTime();
        this.results = new ArrayList<>(lease.cases().size());
    }

    WireMessage.Lease lease() {
        return lease;
    }

    void assembled(Model m) {
        this.model = m;
    }

    boolean isAssembled() {
        return model != null;
    }

    boolean finished() {
        return results.size() == lease.cases().size();
    }

    int done() {
        return results.size();
    }

    long tokens() {
        return tokens;
    }

    long evalNanos() {
        return evalNanos;
    }

    /** The last case's result, or null before the first. */
    CaseResult last() {
        return last;
    }

    List<CaseResult> results() {
        return results;
    }

    /** Runs the next case. */
    CaseResult runNext(Evaluator evaluator) {
        if (model == null) {
            throw new IllegalStateException("the unit's candidate is not assembled");
        }
        if (finished()) {
            throw new IllegalStateException("every case of the unit already ran");
        }
        long t0 = System.nanoTime();
        CaseResult r = evaluator.runCase(model, lease.cases().get(results.size()), lease.sampling());
        evalNanos += System.nanoTime() - t0;
        if (r instanceof CaseEvidence e) {
            tokens += e.diagnostics().generatedTokens();
        }
        results.add(r);
        last = r;
        return r;
    }

    /** The result message of a finished unit. */
    WireMessage.Result result() {
        if (!finished()) {
            throw new IllegalStateException("the unit has " + (lease.cases().size() - results.size()) + " cases to run");
        }
        long wall = System.nanoTime() - startNanos;
        return new WireMessage.Result(lease.unitId(), lease.epoch(), results, EvidenceDigest.of(results),
                new WireMessage.Timing(wall, evalNanos, tokens));
    }
}
