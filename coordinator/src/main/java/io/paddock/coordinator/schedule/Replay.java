package io.paddock.coordinator.schedule;

import io.paddock.protocol.wire.WireMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a candidate's scheduling state after a coordinator restart from the answers in its
 * durable result log, pure. Units are cut when leased, so their ids are not stable across a
 * restart: the answers are mapped back by case range. A non-overlapping set of the logged
 * ranges becomes the units (trusted answers' ranges first, then log order), the gaps between
 * them become units of at most the largest logged size, and the cases after the last logged
 * range are left uncut. Each answer is then replayed in log order through {@link
 * CandidateWork#complete} — the live rule: verification, replication, failure bounds — as the
 * answer to a lease of its own epoch (every such lease is answered at once, so none is left out).
 * The log holds only answers the live scheduler accepted, each for a lease it granted; an answer
 * whose epoch is not below {@code epochFloor} (no earlier run granted it) or below 1 is not
 * replayed. The next epoch is {@code epochFloor} or above, so no lease granted before the restart
 * is ever confused with a new one.
 */
public final class Replay {
    private Replay() {
    }

    /** What replaying one answer did: the unit it was mapped to (-1: none) and the scheduler's completion. */
    public record Replayed(int unit, Completion completion) {
    }

    /** The rebuilt state and, per logged answer in order, what replaying it did. */
    public record Recovered(CandidateWork work, List<Replayed> answers) {
        public Recovered {
            answers = List.copyOf(answers);
        }
    }

    /**
     * @param answers       the logged answers in log order ({@link Report#unit()} is ignored; {@code from}/{@code to}
     *                      place them; a failure with an unknown range has {@code from < 0} and is skipped)
     * @param epochFloor    the least epoch a new lease may get; every earlier run's epochs are below it
     * @param workersOnline passed to the verification rule (2 keeps spot checks in force; a live sweep relaxes them)
     */
    public static Recovered rebuild(String generationId, int candidate, int caseCount, SchedulePolicy policy,
                                    List<Report> answers, long epochFloor, int workersOnline) {
        List<Report> granted = new ArrayList<>(answers.size());
        for (Report a : answers) {
            if (fromEarlierRun(a, epochFloor)) {
                granted.add(a);
            }
        }
        List<int[]> ranges = layout(caseCount, granted);
        List<WorkUnit> units = new ArrayList<>();
        Map<Long, Integer> byRange = new HashMap<>();
        int largest = 1;
        for (int[] r : ranges) {
            largest = Math.max(largest, r[1] - r[0]);
        }
        int cursor = 0;
        for (int[] r : ranges) {
            while (cursor < r[0]) {
                int to = Math.min(r[0], cursor + largest);
                units.add(WorkUnit.cut(units.size(), cursor, to, policy.spotCheck(generationId, candidate, units.size())));
                cursor = to;
            }
            byRange.put(rangeKey(r[0], r[1]), units.size());
            units.add(WorkUnit.cut(units.size(), r[0], r[1], policy.spotCheck(generationId, candidate, units.size())));
            cursor = r[1];
        }
        CandidateWork work = new CandidateWork(generationId, candidate, caseCount, cursor, 1, units,
                CandidateState.RUNNING, null, policy);
        long maxEpoch = 0;
        List<Replayed> replayed = new ArrayList<>(answers.size());
        for (Report a : answers) {
            if (!fromEarlierRun(a, epochFloor)) {
                replayed.add(new Replayed(-1, Completion.ignored(WireMessage.REJECTED, work.state())));
                continue;
            }
            maxEpoch = Math.max(maxEpoch, a.epoch());
            Integer index = a.from() < 0 ? null : byRange.get(rangeKey(a.from(), a.to()));
            if (index == null) {
                replayed.add(new Replayed(-1, Completion.ignored(WireMessage.REJECTED, work.state())));
                continue;
            }
            WorkUnit u = work.units().get(index);
            if (work.state() == CandidateState.RUNNING && !u.done() && !u.answered(a.epoch()) && u.lease(a.epoch()) == null) {
                work = work.withUnit(u.withLease(new ActiveLease(a.epoch(), a.workerId(), a.trusted(), Long.MAX_VALUE)));
            }
            Report placed = new Report(index, a.from(), a.to(), a.epoch(), a.workerId(), a.workerKind(), a.trusted(),
                    a.digest(), a.failureCode(), a.failureCause());
            Step<Completion> step = work.complete(placed, workersOnline);
            if (step.next() != null) {
                work = step.next();
            }
            replayed.add(new Replayed(index, step.result()));
        }
        long next = Math.max(Math.max(work.nextEpoch(), maxEpoch + 1), epochFloor);
        return new Recovered(work.withNextEpoch(next), replayed);
    }

    /** Whether the answer's epoch is one an earlier run could have granted (at least 1, below the floor). */
    private static boolean fromEarlierRun(Report a, long epochFloor) {
        return a.epoch() >= 1 && a.epoch() < epochFloor;
    }

    /** The units: non-overlapping logged ranges within the suite, trusted answers' first, then in log order; sorted. */
    static List<int[]> layout(int caseCount, List<Report> answers) {
        List<Report> order = new ArrayList<>(answers);
        order.sort(Comparator.comparing((Report r) -> !r.trusted()));
        List<int[]> chosen = new ArrayList<>();
        for (Report r : order) {
            if (r.from() < 0 || r.to() <= r.from() || r.to() > caseCount) {
                continue;
            }
            boolean overlaps = false;
            for (int[] c : chosen) {
                if (r.from() < c[1] && c[0] < r.to()) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                chosen.add(new int[] {r.from(), r.to()});
            }
        }
        chosen.sort(Comparator.comparingInt(c -> c[0]));
        return chosen;
    }

    private static long rangeKey(int from, int to) {
        return ((long) from << 32) | (to & 0xFFFFFFFFL);
    }
}
