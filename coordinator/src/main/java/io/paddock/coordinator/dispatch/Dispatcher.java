package io.paddock.coordinator.dispatch;

import io.paddock.coordinator.flow.GenerationPlan;
import io.paddock.coordinator.flow.PlannedCandidate;
import io.paddock.coordinator.hazelcast.FarmMaps;
import io.paddock.coordinator.metrics.FarmMetrics;
import io.paddock.coordinator.schedule.LeaseGrant;
import io.paddock.coordinator.schedule.ReleaseLeases;
import io.paddock.coordinator.schedule.TakeWork;
import io.paddock.coordinator.schedule.UnitId;
import io.paddock.coordinator.workers.WorkerRegistry;
import io.paddock.coordinator.workers.WorkerSession;
import io.paddock.protocol.wire.WireMessage;
import io.vertx.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The schedule stage's transport side: fills a worker's free slots. For each candidate in
 * locality order it asks the work map (one {@link TakeWork} entry processor, where the entry
 * lives) for as many leases as the worker has free slots, sized by {@link ShardSizer}, and sends
 * them. One pass per worker at a time; a pass asked for meanwhile runs right after.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Context context;
    private final FarmMaps maps;
    private final WorkBoard board;
    private final PlanCache plans;
    private final ShardSizer sizer;
    private final WorkerRegistry registry;
    private final FarmMetrics metrics;
    private final long leaseMillis;

    public Dispatcher(Context context, FarmMaps maps, WorkBoard board, PlanCache plans, ShardSizer sizer,
                      WorkerRegistry registry, FarmMetrics metrics, long leaseMillis) {
        this.context = context;
        this.maps = maps;
        this.board = board;
        this.plans = plans;
        this.sizer = sizer;
        this.registry = registry;
        this.metrics = metrics;
        this.leaseMillis = leaseMillis;
    }

    /** Work may have come back: every idle worker tries again. */
    public void wakeAll() {
        board.bump();
        for (WorkerSession s : registry.idle()) {
            fill(s);
        }
    }

    /** Leases work to {@code worker} until its slots are full or nothing is left for it. */
    public void fill(WorkerSession worker) {
        if (worker.free() <= 0 || worker.closed() || !worker.startFilling()) {
            return;
        }
        step(worker, board.order(worker, registry.sessions()), 0);
    }

    private void step(WorkerSession worker, List<WorkBoard.Slot> slots, int from) {
        int i = from;
        long version = board.version();
        while (i < slots.size() && worker.exhausted(slots.get(i).key(), version)) {
            i++;
        }
        if (worker.free() <= 0 || worker.closed() || i >= slots.size()) {
            if (worker.stopFilling()) {
                fill(worker);
            }
            return;
        }
        WorkBoard.Slot slot = slots.get(i);
        GenerationPlan plan = plans.get(slot.generationId());
        if (plan == null) {
            worker.markExhausted(slot.key(), version);
            step(worker, slots, i + 1);
            return;
        }
        PlannedCandidate candidate = plan.candidate(slot.candidate());
        ShardSizer.Sizing sizing = sizer.size(worker, plan, candidate);
        int index = i;
        TakeWork take = new TakeWork(worker.id(), worker.trusted(), sizing.cases(), !sizer.fixed(), worker.free(),
                System.currentTimeMillis(), leaseMillis, registry.online());
        FarmMaps.on(context, maps.work().submitToKey(slot.key(), take)).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("leasing from {} failed", slot.key(), ar.cause());
                worker.stopFilling();
                return;
            }
            List<LeaseGrant> grants = ar.result() == null ? List.of() : ar.result();
            if (grants.isEmpty()) {
                worker.markExhausted(slot.key(), version);
                step(worker, slots, index + 1);
                return;
            }
            if (worker.closed()) {
                release(worker, slot.key(), grants);
                worker.stopFilling();
                return;
            }
            for (LeaseGrant g : grants) {
                send(worker, plan, candidate, g, sizing);
            }
            step(worker, slots, index);
        });
    }

    /** The worker left while its leases were being granted: they go back to the pool at once. */
    private void release(WorkerSession worker, String key, List<LeaseGrant> grants) {
        long[] epochs = new long[grants.size()];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = grants.get(i).epoch();
        }
        maps.work().submitToKey(key, new ReleaseLeases(worker.id(), epochs));
        board.bump();
    }

    private void send(WorkerSession worker, GenerationPlan plan, PlannedCandidate candidate, LeaseGrant grant,
                      ShardSizer.Sizing sizing) {
        String unitId = new UnitId(plan.id(), candidate.index(), grant.unit()).toString();
        worker.leased(unitId, new WorkerSession.Running(
                io.paddock.coordinator.schedule.CandidateWork.key(plan.id(), candidate.index()), grant.epoch(),
                sizing.predictedSecondsPerCase() * (grant.to() - grant.from()), grant.from(), grant.to()));
        worker.holdsNow(candidate.modelDigest());
        for (String a : candidate.adapterDigests()) {
            worker.holdsNow(a);
        }
        metrics.leaseGranted(grant.retry());
        worker.send(new WireMessage.Lease(unitId, grant.epoch(), plan.id(), candidate.id(), candidate.modelDigest(),
                candidate.adapterDigests(), plan.sampling(), new ArrayList<>(plan.cases().subList(grant.from(),
                grant.to()))));
    }
}
