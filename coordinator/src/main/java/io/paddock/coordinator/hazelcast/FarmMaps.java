package io.paddock.coordinator.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.paddock.coordinator.results.ReportRecord;
import io.paddock.coordinator.results.UnitPayload;
import io.paddock.coordinator.schedule.CandidateWork;
import io.paddock.coordinator.schedule.GenerationRecord;
import io.paddock.coordinator.workers.WorkerInfo;
import io.vertx.core.Context;
import io.vertx.core.Future;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The farm's shared state: partitioned maps, changed only by entry processors (work,
 * generations) or by idempotent writes of immutable values (plans, payloads, reports, workers,
 * quarantine). Never an IQueue, never get-modify-put.
 */
public final class FarmMaps {
    private final IMap<String, CandidateWork> work;
    private final IMap<String, GenerationRecord> generations;
    private final IMap<String, String> plans;
    private final IMap<String, UnitPayload> payloads;
    private final IMap<String, ReportRecord> reports;
    private final IMap<String, WorkerInfo> workers;
    private final IMap<String, String> quarantine;
    private final IMap<String, String> coordinators;

    public FarmMaps(HazelcastInstance hz) {
        String p = EmbeddedHazelcast.MAP_PREFIX;
        this.work = hz.getMap(p + "work");
        this.generations = hz.getMap(p + "generations");
        this.plans = hz.getMap(p + "plans");
        this.payloads = hz.getMap(p + "payloads");
        this.reports = hz.getMap(p + "reports");
        this.workers = hz.getMap(p + "workers");
        this.quarantine = hz.getMap(p + "quarantine");
        this.coordinators = hz.getMap(p + "coordinators");
    }

    /** Candidate scheduling state by {@code generation/candidate}. */
    public IMap<String, CandidateWork> work() {
        return work;
    }

    /** Generation lifecycle by id. */
    public IMap<String, GenerationRecord> generations() {
        return generations;
    }

    /** Plans (JSON, see PlanCodec) by generation id. */
    public IMap<String, String> plans() {
        return plans;
    }

    /** Received results by {@code generation/candidate/unit/epoch}. */
    public IMap<String, UnitPayload> payloads() {
        return payloads;
    }

    /** Published reports by generation id. */
    public IMap<String, ReportRecord> reports() {
        return reports;
    }

    /** Connected workers by id. */
    public IMap<String, WorkerInfo> workers() {
        return workers;
    }

    /** Quarantined worker ids and why. */
    public IMap<String, String> quarantine() {
        return quarantine;
    }

    /** Coordinators of the cluster: member id → HTTP base URL (peers fetch packages from each other). */
    public IMap<String, String> coordinators() {
        return coordinators;
    }

    /**
     * A Hazelcast completion as a Vert.x future whose handlers run on {@code context}. The
     * completion is handed straight to the context: a plain {@code whenComplete} on a Hazelcast
     * future runs on Hazelcast's default async executor, which starts a new thread per completion
     * whenever the common fork-join pool has a single thread (machines with two cores).
     */
    public static <T> Future<T> on(Context context, CompletionStage<T> stage) {
        CompletableFuture<T> onContext = new CompletableFuture<>();
        stage.whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                onContext.completeExceptionally(failure);
            } else {
                onContext.complete(value);
            }
        }, task -> context.runOnContext(v -> task.run()));
        // completed on the context's thread, so the context-bound future completes there at once
        return Future.fromCompletionStage(onContext, context);
    }
}
