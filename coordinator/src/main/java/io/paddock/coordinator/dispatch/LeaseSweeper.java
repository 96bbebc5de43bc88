package io.paddock.coordinator.dispatch;

import io.paddock.coordinator.hazelcast.FarmMaps;
import io.paddock.coordinator.metrics.FarmMetrics;
import io.paddock.coordinator.schedule.CandidateWork;
import io.paddock.coordinator.schedule.GenerationRecord;
import io.paddock.coordinator.schedule.GenerationStatus;
import io.paddock.coordinator.schedule.LeaseHolder;
import io.paddock.coordinator.schedule.Sweep;
import io.paddock.coordinator.schedule.SweepLeases;
import io.paddock.coordinator.schedule.UnitCounts;
import io.paddock.coordinator.schedule.UnitId;
import io.paddock.coordinator.workers.WorkerRegistry;
import io.paddock.coordinator.workers.WorkerSession;
import io.vertx.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * The periodic sweep: every active candidate is swept where it lives ({@link SweepLeases}), so
 * expired leases return to the pool; their workers (if connected here) are told to drop them;
 * candidates the sweep finished are reported; unit counts feed the metrics. Idempotent, so
 * several coordinators sweeping the same candidates is harmless. Running generations that
 * another cluster member accepted are adopted onto this coordinator's board, so its workers
 * help with them.
 */
public final class LeaseSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseSweeper.class);

    private final Context context;
    private final FarmMaps maps;
    private final WorkBoard board;
    private final WorkerRegistry registry;
    private final FarmMetrics metrics;
    private final Dispatcher dispatcher;
    private final Ingestion ingestion;
    private final Ingestion.CandidateFinished finished;
    private final Adopter adopter;
    private final Set<String> adopted = new HashSet<>();
    private static final int SAFETY_NET_SWEEPS = 10;
    private boolean sweeping;
    private int quietSweeps;

    /** Puts a running generation this coordinator did not accept (another cluster member did) on its board. */
    @FunctionalInterface
    public interface Adopter {
        void adopt(String generationId);
    }

    public LeaseSweeper(Context context, FarmMaps maps, WorkBoard board, WorkerRegistry registry, FarmMetrics metrics,
                        Dispatcher dispatcher, Ingestion ingestion, Ingestion.CandidateFinished finished,
                        Adopter adopter) {
        this.context = context;
        this.maps = maps;
        this.board = board;
        this.registry = registry;
        this.metrics = metrics;
        this.dispatcher = dispatcher;
        this.ingestion = ingestion;
        this.finished = finished;
        this.adopter = adopter;
    }

    /** One sweep (skipped while the previous one is still running). */
    public void sweep() {
        if (sweeping) {
            return;
        }
        context.owner().executeBlocking(() -> maps.workers().size(), false).onSuccess(registry::clusterOnline);
        context.owner().executeBlocking(() -> new ArrayList<>(maps.generations().values()), false).onSuccess(all -> {
            long[] n = new long[GenerationStatus.values().length];
            for (GenerationRecord g : all) {
                n[g.status().ordinal()]++;
                if (g.status() == GenerationStatus.RUNNING && !board.has(g.id()) && adopted.add(g.id())) {
                    adopter.adopt(g.id());
                }
            }
            metrics.generations(n[GenerationStatus.RUNNING.ordinal()] + n[GenerationStatus.RANKING.ordinal()],
                    n[GenerationStatus.DONE.ordinal()], n[GenerationStatus.FAILED.ordinal()],
                    n[GenerationStatus.CANCELLED.ordinal()]);
        });
        List<String> keys = board.keys();
        if (keys.isEmpty()) {
            metrics.units(0, 0, 0);
            metrics.cases(0, 0);
            dispatcher.wakeAll();
            return;
        }
        sweeping = true;
        SweepLeases ep = new SweepLeases(System.currentTimeMillis(), registry.online());
        FarmMaps.on(context, maps.work().submitToKeys(new LinkedHashSet<>(keys), ep)).onComplete(ar -> {
            sweeping = false;
            if (ar.failed()) {
                LOG.warn("lease sweep failed", ar.cause());
                return;
            }
            handle(ar.result());
        });
    }

    private void handle(Map<String, Sweep> sweeps) {
        UnitCounts total = UnitCounts.ZERO;
        int expired = 0;
        boolean changed = false;
        for (Map.Entry<String, Sweep> e : sweeps.entrySet()) {
            Sweep s = e.getValue();
            total = total.plus(s.counts());
            String key = e.getKey();
            int slash = key.lastIndexOf('/');
            String generationId = key.substring(0, slash);
            int candidate = Integer.parseInt(key.substring(slash + 1));
            for (LeaseHolder h : s.expired()) {
                expired++;
                WorkerSession w = registry.get(h.workerId());
                if (w != null) {
                    w.finished(new UnitId(generationId, candidate, h.unit()).toString());
                }
                ingestion.cancel(generationId, candidate, h, "lease expired");
            }
            for (LeaseHolder h : s.cancelled()) {
                ingestion.cancel(generationId, candidate, h, "candidate finished");
            }
            if (s.state().finished()) {
                changed = true;
                board.remove(CandidateWork.key(generationId, candidate));
                finished.finished(generationId, candidate);
            }
        }
        metrics.units(total.waiting(), total.leased(), total.done());
        metrics.cases(total.casesUnplanned(), total.casesDone());
        if (expired > 0) {
            metrics.leasesExpired(expired);
            LOG.info("{} lease(s) expired and returned to the pool", expired);
        }
        // Work came back (expiries, waived spot checks, finished candidates): idle workers try again. Every
        // tenth sweep they try anyway, the safety net for changes made elsewhere in the cluster.
        if (expired > 0 || changed || ++quietSweeps >= SAFETY_NET_SWEEPS) {
            quietSweeps = 0;
            dispatcher.wakeAll();
        }
    }
}
