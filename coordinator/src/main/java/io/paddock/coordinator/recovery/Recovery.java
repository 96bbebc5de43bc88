package io.paddock.coordinator.recovery;

import io.paddock.coordinator.GenerationRecipe;
import io.paddock.coordinator.flow.GenerationPlan;
import io.paddock.coordinator.flow.PlanCodec;
import io.paddock.coordinator.flow.PlannedCandidate;
import io.paddock.coordinator.hazelcast.FarmMaps;
import io.paddock.coordinator.results.FinishedReport;
import io.paddock.coordinator.results.PayloadStore;
import io.paddock.coordinator.results.ResultLog;
import io.paddock.coordinator.results.UnitPayload;
import io.paddock.coordinator.schedule.CandidateState;
import io.paddock.coordinator.schedule.CandidateWork;
import io.paddock.coordinator.schedule.GenerationRecord;
import io.paddock.coordinator.schedule.GenerationStatus;
import io.paddock.coordinator.schedule.Replay;
import io.paddock.coordinator.schedule.Report;
import io.paddock.coordinator.schedule.SchedulePolicy;
import io.paddock.protocol.wire.WireMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rebuilds the scheduling state of a single-member coordinator that restarted on the same data
 * folder, before it listens. For every journaled generation: a ranked one is registered as done
 * (its report served as before); a cancelled one stays cancelled; any other is re-planned from
 * its {@code plan.json} and its result log is replayed ({@link ResultLogReader}, {@link Replay}):
 * the results the log holds are reused and only the missing cases are leased again. New shared
 * entries are only inserted (put-if-absent), never read-modified-written.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    /** Replay keeps spot checks in force; once workers are back, the sweep relaxes them as live. */
    private static final int REPLAY_WORKERS_ONLINE = 2;

    /** A generation to put back on the work board, with its candidates that already finished. */
    private record Resumed(GenerationPlan plan, Set<Integer> finished) {
    }

    private final Context context;
    private final FarmMaps maps;
    private final GenerationJournal journal;
    private final ResultLog log;
    private final PayloadStore payloads;
    private final GenerationRecipe recipe;
    private final SchedulePolicy policy;
    private final int maxLineBytes;

    /** @param maxFrameBytes the largest worker message accepted (result log lines longer than it plus overhead are skipped) */
    public Recovery(Context context, FarmMaps maps, GenerationJournal journal, ResultLog log, PayloadStore payloads,
                    GenerationRecipe recipe, SchedulePolicy policy, int maxFrameBytes) {
        this.context = context;
        this.maps = maps;
        this.journal = journal;
        this.log = log;
        this.payloads = payloads;
        this.recipe = recipe;
        this.policy = policy;
        this.maxLineBytes = (int) Math.min(Integer.MAX_VALUE - 16, (long) maxFrameBytes + ResultLogReader.LINE_OVERHEAD);
    }

    /** Recovers every journaled generation; completes on the coordinator's context. A generation that cannot be recovered is logged and skipped. */
    public Future<Void> run() {
        return context.owner().executeBlocking(() -> {
            List<Resumed> resumed = new ArrayList<>();
            for (String id : journal.generations()) {
                try {
                    recover(id).ifPresent(resumed::add);
                } catch (IOException | RuntimeException e) {
                    LOG.error("generation {} cannot be recovered from {}", id, journal.folder(id), e);
                }
            }
            return resumed;
        }, false).map(resumed -> {
            for (Resumed r : resumed) {
                recipe.resume(r.plan(), r.finished());
            }
            return null;
        });
    }

    private Optional<Resumed> recover(String id) throws IOException {
        GenerationPlan plan = journal.plan(id);
        if (!plan.id().equals(id)) {
            LOG.warn("{} skipped: its plan is of generation {}, not {}", journal.folder(id), plan.id(), id);
            return Optional.empty();
        }
        Optional<FinishedReport> report = journal.report(id);
        if (report.isPresent()) {
            done(plan, report.get());
            return Optional.empty();
        }
        OptionalLong cancelled = journal.cancelledAt(id);
        long era = journal.nextEra(id);
        Map<Integer, List<ResultLogReader.Answer>> byCandidate = new HashMap<>();
        for (ResultLogReader.Answer a : ResultLogReader.read(log.file(id), plan, era << 32, maxLineBytes)) {
            byCandidate.computeIfAbsent(a.candidate(), c -> new ArrayList<>()).add(a);
        }
        Map<String, CandidateWork> works = new HashMap<>();
        Set<Integer> finished = new TreeSet<>();
        long settled = 0;
        for (PlannedCandidate c : plan.candidates()) {
            CandidateWork w = c.runnable()
                    ? replay(plan, c.index(), byCandidate.getOrDefault(c.index(), List.of()), era << 32, cancelled.isEmpty())
                    : CandidateWork.failed(id, c.index(), plan.cases().size(), c.rejection(), policy);
            if (cancelled.isPresent() && w.cancel().next() != null) {
                w = w.cancel().next();
            }
            if (w.state().finished()) {
                finished.add(c.index());
            }
            settled += w.finishedCases();
            works.put(w.key(), w);
        }
        maps.plans().putIfAbsent(id, PlanCodec.write(plan));
        for (Map.Entry<String, CandidateWork> e : works.entrySet()) {
            maps.work().putIfAbsent(e.getKey(), e.getValue());
        }
        if (cancelled.isPresent()) {
            maps.generations().putIfAbsent(id, new GenerationRecord(id, plan.name(), plan.createdMillis(),
                    plan.candidates().size(), plan.cases().size(), new BitSet(), GenerationStatus.CANCELLED,
                    "cancelled", cancelled.getAsLong()));
            LOG.info("generation {} recovered as cancelled", id);
            return Optional.empty();
        }
        maps.generations().putIfAbsent(id, GenerationRecord.start(id, plan.name(), plan.createdMillis(),
                plan.candidates().size(), plan.cases().size()));
        LOG.info("generation {} '{}' resumed (era {}): {} of {} candidate cases settled from its result log, {} "
                + "candidates finished", id, plan.name(), era, settled,
                (long) plan.cases().size() * plan.candidates().size(), finished.size());
        return Optional.of(new Resumed(plan, finished));
    }

    /** One candidate's state from its logged answers; the payloads of the answers it took are stored when {@code keep}. */
    private CandidateWork replay(GenerationPlan plan, int candidate, List<ResultLogReader.Answer> answers, long epochFloor,
                                 boolean keep) {
        List<Report> reports = new ArrayList<>(answers.size());
        for (ResultLogReader.Answer a : answers) {
            reports.add(new Report(-1, a.from(), a.to(), a.epoch(), a.workerId(), a.workerKind(), a.trusted(),
                    a.digest(), a.failureCode(), a.failureCause()));
        }
        Replay.Recovered recovered = Replay.rebuild(plan.id(), candidate, plan.cases().size(), policy, reports,
                epochFloor, REPLAY_WORKERS_ONLINE);
        for (int i = 0; i < answers.size(); i++) {
            Replay.Replayed r = recovered.answers().get(i);
            ResultLogReader.Answer a = answers.get(i);
            if (keep && a.isResult() && r.completion().outcome().equals(WireMessage.ACCEPTED)) {
                payloads.put(context, UnitPayload.key(plan.id(), candidate, r.unit(), a.epoch()),
                        new UnitPayload(a.workerId(), a.workerKind(), a.trusted(), a.from(), a.digest(), a.message(),
                                a.wallNanos(), a.generatedTokens(), a.calibration()));
            }
            for (String loser : r.completion().losers()) {
                maps.quarantine().putIfAbsent(loser, "its evidence for a unit of " + plan.id()
                        + " disagreed with the majority (found replaying the result log)");
            }
        }
        return recovered.work();
    }

    /** Registers a ranked generation as done: its plan, its candidates' endings, its report. */
    private void done(GenerationPlan plan, FinishedReport finished) {
        String id = plan.id();
        int cases = plan.cases().size();
        maps.plans().putIfAbsent(id, PlanCodec.write(plan));
        for (PlannedCandidate c : plan.candidates()) {
            FinishedReport.Ending e = c.index() < finished.candidates().size()
                    ? finished.candidates().get(c.index()) : new FinishedReport.Ending(CandidateState.COMPLETE, null);
            CandidateWork w = new CandidateWork(id, c.index(), cases, cases, 1, List.of(), e.state(), e.failure(),
                    policy);
            maps.work().putIfAbsent(w.key(), w);
        }
        maps.reports().putIfAbsent(id, finished.report());
        BitSet all = new BitSet(plan.candidates().size());
        all.set(0, plan.candidates().size());
        maps.generations().putIfAbsent(id, new GenerationRecord(id, plan.name(), plan.createdMillis(),
                plan.candidates().size(), cases, all, GenerationStatus.DONE, "", finished.doneMillis()));
        LOG.info("generation {} '{}' recovered as done", id, plan.name());
    }
}
