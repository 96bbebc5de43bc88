package io.paddock.coordinator.dispatch;

import io.paddock.coordinator.flow.GenerationPlan;
import io.paddock.coordinator.hazelcast.FarmMaps;
import io.paddock.coordinator.metrics.FarmMetrics;
import io.paddock.coordinator.results.PayloadStore;
import io.paddock.coordinator.results.LogLines;
import io.paddock.coordinator.results.ResultLog;
import io.paddock.coordinator.results.UnitPayload;
import io.paddock.coordinator.schedule.CompleteUnit;
import io.paddock.coordinator.schedule.Completion;
import io.paddock.coordinator.schedule.ExtendLeases;
import io.paddock.coordinator.schedule.LeaseHolder;
import io.paddock.coordinator.schedule.Report;
import io.paddock.coordinator.schedule.UnitId;
import io.paddock.coordinator.workers.WorkerRegistry;
import io.paddock.coordinator.workers.WorkerSession;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.wire.WireMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes in what workers send about their leases: results, failures and heartbeats. A result is
 * checked (its unit exists, its cases are the unit's, its digest is what it claims), its payload
 * stored, then handed to the scheduler ({@link CompleteUnit}, where the entry lives, fenced by
 * epoch and idempotent). Only an answer the scheduler accepted (or a resend of one: a duplicate)
 * is written to the durable result log, and it is acknowledged once that line is forced; a stale
 * or rejected answer is never logged (a restart must not find evidence the live scheduler
 * refused) and is acknowledged at once. A crash between the decision and the log loses nothing that matters: the scheduling
 * state dies with the process, the worker's resend is answered stale after the restart and the
 * cases are leased again.
 */
public final class Ingestion {
    private static final Logger LOG = LoggerFactory.getLogger(Ingestion.class);

    /** Told when a candidate has finished (its last unit settled, or it failed). */
    @FunctionalInterface
    public interface CandidateFinished {
        void finished(String generationId, int candidate);
    }

    private final Context context;
    private final FarmMaps maps;
    private final PlanCache plans;
    private final WorkerRegistry registry;
    private final ResultLog log;
    private final PayloadStore payloads;
    private final FarmMetrics metrics;
    private final Dispatcher dispatcher;
    private final CandidateFinished finished;
    private final long leaseMillis;

    public Ingestion(Context context, FarmMaps maps, PlanCache plans, WorkerRegistry registry, ResultLog log,
                     PayloadStore payloads, FarmMetrics metrics, Dispatcher dispatcher, CandidateFinished finished,
                     long leaseMillis) {
        this.context = context;
        this.maps = maps;
        this.plans = plans;
        this.registry = registry;
        this.log = log;
        this.payloads = payloads;
        this.metrics = metrics;
        this.dispatcher = dispatcher;
        this.finished = finished;
        this.leaseMillis = leaseMillis;
    }

    /** A result ({@code text} is its frame, kept verbatim): checked, stored, decided; logged durably when accepted; acknowledged. */
    public void result(WorkerSession worker, WireMessage.Result result, String text) {
        UnitId id = UnitId.parse(result.unitId());
        GenerationPlan plan = plans.get(id.generationId());
        if (plan == null || id.candidate() >= plan.candidates().size()) {
            metrics.result(WireMessage.STALE);
            ack(worker, result.unitId(), result.epoch(), WireMessage.STALE);
            return;
        }
        List<CaseResult> results = result.results();
        int from = results.isEmpty() ? -1 : plans.caseIndex(plan.id(), results.get(0).caseId());
        String problem = ResultCheck.problem(plan, results, from, result.evidenceDigest());
        if (problem != null) {
            LOG.warn("rejected result of {} from worker {}: {}", result.unitId(), worker.id(), problem);
            metrics.result(WireMessage.REJECTED);
            ack(worker, result.unitId(), result.epoch(), WireMessage.REJECTED);
            return;
        }
        double calibration = worker.info().tokensPerSecond() / WireMessage.Calibration.NOMINAL_TOKENS_PER_SECOND;
        UnitPayload payload = new UnitPayload(worker.id(), worker.kind(), worker.trusted(), from,
                result.evidenceDigest(), text, result.timing().wallNanos(), result.timing().generatedTokens(),
                calibration);
        String key = UnitPayload.key(id.generationId(), id.candidate(), id.unit(), result.epoch());
        String line = LogLines.result(worker.id(), worker.kind(), worker.trusted(), calibration, text);
        Report report = new Report(id.unit(), from, from + results.size(), result.epoch(), worker.id(), worker.kind(),
                worker.trusted(), result.evidenceDigest(), null, null);
        payloads.put(context, key, payload)
                .compose(v -> FarmMaps.on(context, maps.work().submitToKey(id.candidateKey(),
                        new CompleteUnit(report, registry.online()))))
                .compose(c -> logIfKept(id.generationId(), line, result.unitId(), c))
                .onSuccess(d -> {
                    Completion c = d.completion();
                    if (c.outcome().equals(WireMessage.ACCEPTED)) {
                        metrics.evaluated(worker.kind(), result.timing().wallNanos(), result.timing().generatedTokens());
                        WorkerSession.Running r = worker.running().get(result.unitId());
                        if (r != null) {
                            worker.observed(r.predictedSeconds(), result.timing().wallNanos() / 1e9);
                        }
                    } else if (c.outcome().equals(WireMessage.STALE) || c.outcome().equals(WireMessage.REJECTED)) {
                        payloads.remove(key);
                    }
                    settled(worker, id, result.unitId(), result.epoch(), c, d.logged());
                })
                .onFailure(e -> LOG.error("could not ingest result of {} from {}", result.unitId(), worker.id(), e));
    }

    /** A candidate-level failure report: decided; logged durably when accepted; acknowledged. */
    public void failure(WorkerSession worker, WireMessage.Failure failure) {
        UnitId id = UnitId.parse(failure.unitId());
        GenerationPlan plan = plans.get(id.generationId());
        if (plan == null || id.candidate() >= plan.candidates().size()) {
            metrics.result(WireMessage.STALE);
            ack(worker, failure.unitId(), failure.epoch(), WireMessage.STALE);
            return;
        }
        WorkerSession.Running running = worker.running().get(failure.unitId());
        String line = LogLines.failure(failure, worker.id(), worker.kind(), worker.trusted(),
                running == null ? -1 : running.from(), running == null ? -1 : running.to());
        FarmMaps.on(context, maps.work().submitToKey(id.candidateKey(),
                        new CompleteUnit(new Report(id.unit(), -1, -1, failure.epoch(), worker.id(), worker.kind(),
                                worker.trusted(), null, failure.code(), failure.cause()), registry.online())))
                .compose(c -> logIfKept(id.generationId(), line, failure.unitId(), c))
                .onSuccess(d -> settled(worker, id, failure.unitId(), failure.epoch(), d.completion(), d.logged()))
                .onFailure(e -> LOG.error("could not ingest failure of {} from {}", failure.unitId(), worker.id(), e));
    }

    /** A heartbeat: extends the deadlines of the leases the worker still runs. */
    public void heartbeat(WorkerSession worker, WireMessage.Heartbeat heartbeat) {
        Map<String, long[]> byCandidate = new HashMap<>();
        for (WireMessage.LeaseRef ref : heartbeat.running()) {
            UnitId id = UnitId.parse(ref.unitId());
            worker.adopt(ref.unitId(), id.candidateKey(), ref.epoch());
            long[] epochs = byCandidate.get(id.candidateKey());
            long[] next = epochs == null ? new long[1] : java.util.Arrays.copyOf(epochs, epochs.length + 1);
            next[next.length - 1] = ref.epoch();
            byCandidate.put(id.candidateKey(), next);
        }
        long deadline = System.currentTimeMillis() + leaseMillis;
        for (Map.Entry<String, long[]> e : byCandidate.entrySet()) {
            maps.work().submitToKey(e.getKey(), new ExtendLeases(worker.id(), e.getValue(), deadline));
        }
    }

    /** The scheduler's decision on an answer, and whether it may be acknowledged (an accepted one: once logged). */
    private record Decided(Completion completion, boolean logged) {
    }

    /**
     * Writes the line of an answer the scheduler kept to the durable log (forced before the returned
     * future completes, so before the acknowledgement): an accepted one, or a duplicate (a resend of
     * an answered lease, whose first line may still be queued or may have failed to append; the ack
     * ends the resending, and replay keeps the first line of a lease). Stale and rejected answers are
     * not logged. When the write fails the decision stands (the scheduler moved on) but is not
     * acknowledged.
     */
    private Future<Decided> logIfKept(String generationId, String line, String unitId, Completion c) {
        if (!c.outcome().equals(WireMessage.ACCEPTED) && !c.outcome().equals(WireMessage.DUPLICATE)) {
            return Future.succeededFuture(new Decided(c, true));
        }
        return log.append(context, generationId, line).map(v -> new Decided(c, true)).recover(e -> {
            LOG.error("could not log the answer of {}; it is not acknowledged", unitId, e);
            return Future.succeededFuture(new Decided(c, false));
        });
    }

    private void settled(WorkerSession worker, UnitId id, String unitId, long epoch, Completion c, boolean logged) {
        metrics.result(c.outcome());
        if (logged) {
            ack(worker, unitId, epoch, c.outcome());
        }
        worker.finished(unitId);
        for (String loser : c.losers()) {
            quarantine(loser, "its evidence for " + unitId + " disagreed with the majority");
        }
        for (LeaseHolder h : c.cancelled()) {
            cancel(id.generationId(), id.candidate(), h, "unit settled or candidate finished");
        }
        if (c.state().finished()) {
            finished.finished(id.generationId(), id.candidate());
        } else if (!c.unitDone() && c.outcome().equals(WireMessage.ACCEPTED)) {
            dispatcher.wakeAll();
        }
        dispatcher.fill(worker);
    }

    /** Tells a worker connected here to drop a lease. */
    public void cancel(String generationId, int candidate, LeaseHolder h, String reason) {
        registry.cancel(generationId, candidate, h, reason);
    }

    private void quarantine(String workerId, String reason) {
        context.owner().executeBlocking(() -> maps.quarantine().putIfAbsent(workerId, reason), false)
                .onSuccess(previous -> {
            if (previous == null) {
                metrics.quarantined();
                LOG.warn("worker {} quarantined: {}", workerId, reason);
            }
        });
        WorkerSession s = registry.get(workerId);
        if (s != null) {
            s.close((short) 1008, "quarantined: " + reason);
        }
    }

    private static void ack(WorkerSession worker, String unitId, long epoch, String outcome) {
        worker.send(new WireMessage.Ack(unitId, epoch, outcome));
    }
}
