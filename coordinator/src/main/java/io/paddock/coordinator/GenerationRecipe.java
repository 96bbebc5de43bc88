package io.paddock.coordinator;

import io.paddock.coordinator.dispatch.Dispatcher;
import io.paddock.coordinator.dispatch.Ingestion;
import io.paddock.coordinator.dispatch.PlanCache;
import io.paddock.coordinator.dispatch.WorkBoard;
import io.paddock.coordinator.flow.AggregateStage;
import io.paddock.coordinator.flow.GenerationPlan;
import io.paddock.coordinator.flow.PlanCodec;
import io.paddock.coordinator.flow.PlanStage;
import io.paddock.coordinator.flow.ReportStage;
import io.paddock.coordinator.flow.ScheduleStage;
import io.paddock.coordinator.flow.Submission;
import io.paddock.coordinator.flow.SubmitStage;
import io.paddock.coordinator.flow.VerifiedGeneration;
import io.paddock.coordinator.flow.VerifyStage;
import io.paddock.coordinator.hazelcast.FarmMaps;
import io.paddock.coordinator.rank.Ranking;
import io.paddock.coordinator.recovery.GenerationJournal;
import io.paddock.coordinator.results.FinishedReport;
import io.paddock.coordinator.results.UnitPayload;
import io.paddock.coordinator.results.PayloadStore;
import io.paddock.coordinator.results.ReportRecord;
import io.paddock.coordinator.schedule.CancelCandidate;
import io.paddock.coordinator.schedule.CandidateState;
import io.paddock.coordinator.schedule.CandidateWork;
import io.paddock.coordinator.schedule.ChangeStatus;
import io.paddock.coordinator.schedule.FinishCandidate;
import io.paddock.coordinator.schedule.GenerationStatus;
import io.paddock.coordinator.schedule.LeaseHolder;
import io.paddock.coordinator.schedule.SchedulePolicy;
import io.paddock.coordinator.store.PackageStore;
import io.paddock.coordinator.workers.WorkerRegistry;
import io.paddock.protocol.generation.GenerationLimits;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-generation flow, as a recipe of named stages with immutable values between them:
 * <ol>
 *   <li>{@link SubmitStage} — the posted JSON becomes a {@code ValidatedGeneration} (or a 4xx);</li>
 *   <li>{@link PlanStage} — that becomes a {@link GenerationPlan} (pure);</li>
 *   <li>{@link ScheduleStage} — the plan is published to the shared maps and the work board;</li>
 *   <li>evaluate — workers pull leases and send evidence ({@code Dispatcher}, {@code Ingestion});
 *       when the last candidate finishes, {@link #finished} runs the rest exactly once;</li>
 *   <li>{@link VerifyStage} — agreed unit results are assembled and checked (pure);</li>
 *   <li>{@link AggregateStage} — fitness vectors and the ranking (pure);</li>
 *   <li>{@link ReportStage} — files written, the report published.</li>
 * </ol>
 */
public final class GenerationRecipe implements Ingestion.CandidateFinished {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationRecipe.class);

    private final Vertx vertx;
    private final Context context;
    private final FarmMaps maps;
    private final PackageStore store;
    private final GenerationLimits limits;
    private final SchedulePolicy policy;
    private final PlanCache plans;
    private final WorkBoard board;
    private final Dispatcher dispatcher;
    private final WorkerRegistry registry;
    private final Path generationsDir;
    private final PayloadStore payloads;
    private final GenerationJournal journal;
    private final SecureRandom random = new SecureRandom();
    private final Set<String> finishing = new HashSet<>();

    public GenerationRecipe(Vertx vertx, Context context, FarmMaps maps, PackageStore store, GenerationLimits limits,
                            SchedulePolicy policy, PlanCache plans, WorkBoard board, Dispatcher dispatcher,
                            WorkerRegistry registry, Path generationsDir, PayloadStore payloads,
                            GenerationJournal journal) {
        this.vertx = vertx;
        this.context = context;
        this.maps = maps;
        this.store = store;
        this.limits = limits;
        this.policy = policy;
        this.plans = plans;
        this.board = board;
        this.dispatcher = dispatcher;
        this.registry = registry;
        this.generationsDir = generationsDir;
        this.payloads = payloads;
        this.journal = journal;
    }

    /**
     * Stages 1–3: validate, plan (journaled durably, so a restart can resume it), schedule. Fails
     * with {@code SubmissionRejected} on bad input.
     */
    public Future<GenerationPlan> submit(Submission submission) {
        String id = newId();
        return vertx.executeBlocking(() -> {
                    GenerationPlan plan = PlanStage.plan(id, SubmitStage.validate(submission, store, limits),
                            System.currentTimeMillis());
                    journal.planned(plan);
                    return plan;
                }, false)
                .compose(plan -> ScheduleStage.schedule(context, maps, plan, policy)
                        .recover(e -> forget(plan.id()).transform(ar -> Future.<GenerationPlan>failedFuture(e))))
                .onSuccess(this::started);
    }

    /** Removes the journal of a generation whose scheduling failed (the client is told the submit failed). */
    private Future<Void> forget(String generationId) {
        return vertx.<Void>executeBlocking(() -> {
            journal.forget(generationId);
            return null;
        }, false).onFailure(e -> LOG.error("could not remove the journal of unscheduled generation {}", generationId, e));
    }

    private void started(GenerationPlan plan) {
        plans.put(plan);
        board.add(plan);
        LOG.info("generation {} '{}' scheduled: {} candidates x {} cases", plan.id(), plan.name(),
                plan.candidates().size(), plan.cases().size());
        plan.candidates().stream().filter(c -> !c.runnable()).forEach(c -> finished(plan.id(), c.index()));
        dispatcher.wakeAll();
    }

    /**
     * Puts a generation recovered after a restart back to work (its shared entries are already
     * rebuilt): on the board, its already finished candidates recorded as finished.
     */
    public void resume(GenerationPlan plan, Set<Integer> finishedCandidates) {
        plans.put(plan);
        board.add(plan);
        for (int candidate : finishedCandidates) {
            finished(plan.id(), candidate);
        }
        dispatcher.wakeAll();
    }

    /** Puts a generation accepted elsewhere in the cluster on this coordinator's board. */
    public void adopt(String generationId) {
        plan(generationId).onSuccess(plan -> {
            if (!board.has(generationId)) {
                board.add(plan);
                LOG.info("generation {} adopted from the cluster", generationId);
                dispatcher.wakeAll();
            }
        }).onFailure(e -> LOG.warn("cannot adopt generation {}: {}", generationId, e.getMessage()));
    }

    /** Stage 4 ends candidate by candidate; the call that finishes the last one runs stages 5–7. */
    @Override
    public void finished(String generationId, int candidate) {
        board.remove(CandidateWork.key(generationId, candidate));
        FarmMaps.on(context, maps.generations().submitToKey(generationId, new FinishCandidate(candidate)))
                .onSuccess(last -> {
                    if (Boolean.TRUE.equals(last)) {
                        finish(generationId);
                    }
                })
                .onFailure(e -> LOG.error("could not record candidate {} of {} as finished", candidate, generationId, e));
    }

    /** Stages 5–7: verify, rank, report; the generation ends DONE (or FAILED with the reason). */
    public Future<ReportRecord> finish(String generationId) {
        if (!finishing.add(generationId)) {
            return Future.failedFuture("generation " + generationId + " is already being ranked");
        }
        return plan(generationId).compose(plan -> {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < plan.candidates().size(); i++) {
                keys.add(CandidateWork.key(generationId, i));
            }
            return vertx.executeBlocking(() -> maps.work().getAll(new HashSet<>(keys)), false).compose(found -> {
                Map<Integer, CandidateWork> works = new HashMap<>();
                for (CandidateWork w : found.values()) {
                    works.put(w.candidate(), w);
                }
                return vertx.executeBlocking(() -> {
                            Map<String, UnitPayload> agreed = payloads.getAll(new HashSet<>(VerifyStage.payloadKeys(works)));
                            VerifiedGeneration verified = VerifyStage.verify(plan, works, agreed);
                            Ranking ranking = AggregateStage.rank(verified);
                            ReportRecord report = ReportStage.report(verified, ranking,
                                    generationsDir.resolve(generationId));
                            journal.reported(generationId, new FinishedReport(report, System.currentTimeMillis(),
                                    endings(plan, works)));
                            return report;
                        }, false);
            });
        }).compose(report -> FarmMaps.on(context, maps.reports().setAsync(generationId, report))
                .compose(v -> FarmMaps.on(context, maps.generations().submitToKey(generationId,
                        new ChangeStatus(GenerationStatus.RANKING, GenerationStatus.DONE, "", System.currentTimeMillis()))))
                .map(v -> report))
                .onSuccess(report -> {
                    board.removeGeneration(generationId);
                    vertx.executeBlocking(() -> {
                        payloads.removeGeneration(generationId);
                        return null;
                    }, false);
                    LOG.info("generation {} ranked", generationId);
                })
                .onFailure(e -> {
                    LOG.error("ranking generation {} failed", generationId, e);
                    maps.generations().submitToKey(generationId, new ChangeStatus(GenerationStatus.RANKING,
                            GenerationStatus.FAILED, "ranking failed: " + e.getMessage(), System.currentTimeMillis()));
                })
                .onComplete(ar -> finishing.remove(generationId));
    }

    /** Cancels a running generation: its leases are called back. False if it was not running. */
    public Future<Boolean> cancel(String generationId) {
        return FarmMaps.on(context, maps.generations().submitToKey(generationId,
                new ChangeStatus(GenerationStatus.RUNNING, GenerationStatus.CANCELLED, "cancelled",
                        System.currentTimeMillis()))).compose(moved -> {
            if (!Boolean.TRUE.equals(moved)) {
                return Future.succeededFuture(false);
            }
            board.removeGeneration(generationId);
            long now = System.currentTimeMillis();
            Future<Void> journaled = vertx.executeBlocking(() -> {
                journal.cancelled(generationId, now);
                return null;
            }, false);
            return plan(generationId).compose(plan -> {
                List<Future<?>> calls = new ArrayList<>();
                calls.add(journaled);
                for (int i = 0; i < plan.candidates().size(); i++) {
                    int candidate = i;
                    calls.add(FarmMaps.on(context, maps.work().submitToKey(CandidateWork.key(generationId, i),
                            new CancelCandidate())).onSuccess(holders -> {
                                for (LeaseHolder h : holders) {
                                    registry.cancel(generationId, candidate, h, "generation cancelled");
                                }
                            }));
                }
                return Future.all(calls).map(v -> true);
            });
        });
    }

    /** A generation's plan, from this coordinator's cache or the shared plans map. */
    public Future<GenerationPlan> plan(String generationId) {
        GenerationPlan cached = plans.get(generationId);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        return FarmMaps.on(context, maps.plans().getAsync(generationId)).map(json -> {
            if (json == null) {
                throw new IllegalStateException("no plan for generation " + generationId);
            }
            GenerationPlan plan = PlanCodec.read(json);
            plans.put(plan);
            return plan;
        });
    }

    /** How each candidate ended, as the journal keeps it with the report. */
    private static List<FinishedReport.Ending> endings(GenerationPlan plan, Map<Integer, CandidateWork> works) {
        List<FinishedReport.Ending> out = new ArrayList<>(plan.candidates().size());
        for (int i = 0; i < plan.candidates().size(); i++) {
            CandidateWork w = works.get(i);
            out.add(w == null ? new FinishedReport.Ending(CandidateState.FAILED, plan.candidate(i).rejection())
                    : new FinishedReport.Ending(w.state(), w.failure()));
        }
        return out;
    }

    private String newId() {
        byte[] b = new byte[6];
        random.nextBytes(b);
        StringBuilder sb = new StringBuilder("g");
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }
}
