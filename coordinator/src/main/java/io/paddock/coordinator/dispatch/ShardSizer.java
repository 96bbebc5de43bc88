package io.paddock.coordinator.dispatch;

import io.paddock.coordinator.flow.GenerationPlan;
import io.paddock.coordinator.flow.PlannedCandidate;
import io.paddock.coordinator.workers.WorkerSession;
import io.paddock.protocol.wire.WireMessage;

/**
 * How many cases a unit gets so that it takes about the target time on the worker that takes it:
 * the worker's calibration (tokens/s on the reference workload), scaled by how many weight
 * bytes a token of this candidate reads relative to the reference model, corrected by what the
 * worker's previous units actually took. Browsers get a shorter target. A fixed shard size
 * overrides all this (tests, benchmarks).
 *
 * @param fixedCases              cases per unit when {@code > 0}
 * @param jvmTargetSeconds        target unit time on a JVM worker
 * @param browserTargetSeconds    target unit time in a browser
 * @param maxCases                most cases in one unit
 * @param referenceBytesPerToken  weight bytes per token of the reference workload's model
 */
public record ShardSizer(int fixedCases, double jvmTargetSeconds, double browserTargetSeconds, int maxCases,
                         long referenceBytesPerToken) {

    /** A unit size and the time it is expected to take. */
    public record Sizing(int cases, double predictedSecondsPerCase) {
    }

    public ShardSizer {
        if (maxCases < 1 || fixedCases < 0 || !(jvmTargetSeconds > 0) || !(browserTargetSeconds > 0)
                || referenceBytesPerToken < 1) {
            throw new IllegalArgumentException("invalid shard sizing: fixed " + fixedCases + ", targets "
                    + jvmTargetSeconds + "/" + browserTargetSeconds + ", max " + maxCases + ", reference "
                    + referenceBytesPerToken);
        }
    }

    /** Whether unit sizes are fixed (then they are not guided either). */
    public boolean fixed() {
        return fixedCases > 0;
    }

    public Sizing size(WorkerSession worker, GenerationPlan plan, PlannedCandidate candidate) {
        double perCase = secondsPerCase(worker, plan, candidate);
        if (fixedCases > 0) {
            return new Sizing(fixedCases, perCase);
        }
        double target = worker.kind().equals(WireMessage.KIND_BROWSER) ? browserTargetSeconds : jvmTargetSeconds;
        long n = Math.round(target / perCase);
        return new Sizing((int) Math.max(1, Math.min(maxCases, n)), perCase);
    }

    /** Predicted seconds for one case of this candidate on this worker. */
    public double secondsPerCase(WorkerSession worker, GenerationPlan plan, PlannedCandidate candidate) {
        double costRatio = Math.max(1, candidate.costBytesPerToken()) / (double) referenceBytesPerToken;
        double tokensPerSecond = worker.info().tokensPerSecond() / costRatio;
        return plan.meanTokensPerCase() / tokensPerSecond * worker.correction();
    }
}
