package io.paddock.coordinator.schedule;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.wire.WireMessage;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The scheduling state of one candidate of a generation: one entry of the work map, changed
 * only by entry processors running where it lives. Every operation is a pure function from
 * this value to a {@link Step} (the next value and a result), so the rules are tested without
 * Hazelcast and the processors stay one-liners.
 *
 * @param generationId the generation
 * @param candidate    the candidate's index in the plan
 * @param caseCount    cases of the suite
 * @param nextCase     first case not yet in a unit
 * @param nextEpoch    the fencing epoch the next lease gets (never reused within the candidate)
 * @param units        units cut so far, by index
 * @param state        where the candidate stands
 * @param failure      why it failed, or null
 * @param policy       attempt and verification bounds
 */
public record CandidateWork(String generationId, int candidate, int caseCount, int nextCase, long nextEpoch,
                            List<WorkUnit> units, CandidateState state, CandidateFailure failure,
                            SchedulePolicy policy) implements Serializable {
    private static final long serialVersionUID = 1L;

    public CandidateWork {
        units = UnitList.copyOf(units);
    }

    /** A fresh candidate with no unit cut yet. */
    public static CandidateWork start(String generationId, int candidate, int caseCount, SchedulePolicy policy) {
        if (caseCount < 1) {
            throw new IllegalArgumentException("a candidate needs at least one case, got " + caseCount);
        }
        return new CandidateWork(generationId, candidate, caseCount, 0, 1, UnitList.EMPTY, CandidateState.RUNNING, null,
                policy);
    }

    /** A candidate that failed before any work (rejected at submission). */
    public static CandidateWork failed(String generationId, int candidate, int caseCount, CandidateFailure failure,
                                       SchedulePolicy policy) {
        return new CandidateWork(generationId, candidate, caseCount, 0, 1, List.of(), CandidateState.FAILED, failure, policy);
    }

    /** The map key of a candidate. */
    public static String key(String generationId, int candidate) {
        return generationId + "/" + candidate;
    }

    public String key() {
        return key(generationId, candidate);
    }

    /** Cases with an agreed result. */
    public int casesDone() {
        int n = 0;
        for (WorkUnit u : units) {
            if (u.done()) {
                n += u.caseCount();
            }
        }
        return n;
    }

    /** Units and cases by state (a finished candidate counts nothing as waiting or leased). */
    public UnitCounts counts() {
        long waiting = 0;
        long leased = 0;
        long done = 0;
        for (WorkUnit u : units) {
            if (u.done()) {
                done++;
            } else if (!u.leases().isEmpty()) {
                leased++;
            } else if (state == CandidateState.RUNNING) {
                waiting++;
            }
        }
        long unplanned = state == CandidateState.RUNNING ? caseCount - nextCase : 0;
        return new UnitCounts(waiting, leased, done, unplanned, casesDone());
    }

    /** Cases with a settled result (all of them once the candidate finished). */
    public int finishedCases() {
        return state.finished() ? caseCount : casesDone();
    }

    /** Leases out now. */
    public int leasesOut() {
        int n = 0;
        for (WorkUnit u : units) {
            n += u.leases().size();
        }
        return n;
    }

    // ------------------------------------------------------------------ lease

    /**
     * Leases work to a worker: the first open unit it may take (a retry or a replica), else a
     * new unit of at most {@code maxCases} cases. Null result when there is nothing for it.
     */
    public Step<LeaseGrant> take(String workerId, boolean trusted, int maxCases, long now, long leaseMillis,
                                 int workersOnline) {
        return take(workerId, trusted, maxCases, false, now, leaseMillis, workersOnline);
    }

    /**
     * As {@link #take(String, boolean, int, long, long, int)}; when {@code guided}, a new unit also
     * gets at most an even share (among the workers online) of the cases not yet cut.
     */
    public Step<LeaseGrant> take(String workerId, boolean trusted, int maxCases, boolean guided, long now,
                                 long leaseMillis, int workersOnline) {
        if (maxCases < 1) {
            throw new IllegalArgumentException("maxCases must be >= 1, was " + maxCases);
        }
        if (state != CandidateState.RUNNING) {
            return Step.unchanged(null);
        }
        for (WorkUnit u : units) {
            if (Verification.leasableTo(u, workerId, workersOnline)) {
                return grant(u, workerId, trusted, now + leaseMillis);
            }
        }
        if (nextCase < caseCount) {
            int to = (int) Math.min((long) nextCase + maxCases, caseCount);
            if (guided) {
                // Guided self-scheduling: never more than an even share of what is left, so the last
                // units of a candidate are small and no worker is left alone with a long tail.
                int remaining = caseCount - nextCase;
                int share = (remaining + Math.max(1, workersOnline) - 1) / Math.max(1, workersOnline);
                to = Math.min(to, nextCase + Math.max(1, share));
            }
            int index = units.size();
            WorkUnit fresh = WorkUnit.cut(index, nextCase, to, policy.spotCheck(generationId, candidate, index));
            List<WorkUnit> next = ((UnitList) units).with(index, fresh);
            CandidateWork cut = new CandidateWork(generationId, candidate, caseCount, to, nextEpoch, next, state,
                    failure, policy);
            return cut.grant(fresh, workerId, trusted, now + leaseMillis);
        }
        return Step.unchanged(null);
    }

    private Step<LeaseGrant> grant(WorkUnit unit, String workerId, boolean trusted, long deadline) {
        long epoch = nextEpoch;
        WorkUnit leased = unit.withLease(new ActiveLease(epoch, workerId, trusted, deadline));
        // never wraps: an exhausted epoch space fails the grant (ArithmeticException) instead of reusing epochs
        CandidateWork next = withUnit(leased).withNextEpoch(Math.addExact(epoch, 1));
        boolean retry = unit.expiries() > 0;
        for (Opinion o : unit.opinions()) {
            retry |= !o.succeeded();
        }
        return new Step<>(next, new LeaseGrant(unit.index(), unit.from(), unit.to(), epoch, deadline, retry));
    }

    /** Up to {@code count} leases for one worker at once (see {@link #take}); empty when there is nothing. */
    public Step<List<LeaseGrant>> takeMany(String workerId, boolean trusted, int maxCases, int count, long now,
                                           long leaseMillis, int workersOnline) {
        return takeMany(workerId, trusted, maxCases, false, count, now, leaseMillis, workersOnline);
    }

    /** Up to {@code count} leases, new units guided as in {@link #take(String, boolean, int, boolean, long, long, int)}. */
    public Step<List<LeaseGrant>> takeMany(String workerId, boolean trusted, int maxCases, boolean guided, int count,
                                           long now, long leaseMillis, int workersOnline) {
        CandidateWork current = this;
        CandidateWork changed = null;
        List<LeaseGrant> grants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Step<LeaseGrant> step = current.take(workerId, trusted, maxCases, guided, now, leaseMillis, workersOnline);
            if (step.result() == null) {
                break;
            }
            grants.add(step.result());
            current = step.next();
            changed = current;
        }
        return new Step<>(changed, grants);
    }

    // ------------------------------------------------------------------ ingest

    /**
     * Ingests a worker's answer. Idempotent: a report for an epoch already answered is a
     * duplicate; one for a lease that is gone (expired, cancelled, another worker's) is stale.
     */
    public Step<Completion> complete(Report report, int workersOnline) {
        if (report.unit() < 0 || report.unit() >= units.size()) {
            return Step.unchanged(Completion.ignored(WireMessage.STALE, state));
        }
        WorkUnit unit = units.get(report.unit());
        ActiveLease lease = unit.lease(report.epoch());
        if (lease == null || !lease.workerId().equals(report.workerId())) {
            // a lease that is gone (expired, another worker's, or granted before a coordinator restart)
            String outcome = unit.answered(report.epoch()) ? WireMessage.DUPLICATE : WireMessage.STALE;
            return Step.unchanged(Completion.ignored(outcome, state));
        }
        if (report.digest() != null && (unit.from() != report.from() || unit.to() != report.to())) {
            return Step.unchanged(Completion.ignored(WireMessage.REJECTED, state));
        }
        if (state != CandidateState.RUNNING) {
            return Step.unchanged(Completion.ignored(WireMessage.STALE, state));
        }
        WorkUnit answered = unit.answeredBy(report.opinion());
        CandidateWork next = withUnit(answered);
        if (report.digest() == null) {
            return next.afterFailure(answered, report);
        }
        Verdict verdict = Verification.judge(answered, policy, workersOnline);
        if (verdict instanceof Verdict.Agreed agreed) {
            List<LeaseHolder> cancelled = holders(answered);
            CandidateWork settled = next.withUnit(answered.accepted(agreed.epoch(), agreed.digest())).finishIfComplete();
            return new Step<>(settled, new Completion(WireMessage.ACCEPTED, true, settled.state(), agreed.losers(),
                    cancelled));
        }
        if (verdict instanceof Verdict.Undecidable undecidable) {
            return next.fail(new CandidateFailure(ErrorCode.GENERATION_FAILED, undecidable.why()), WireMessage.ACCEPTED);
        }
        return new Step<>(next, new Completion(WireMessage.ACCEPTED, false, state, List.of(), List.of()));
    }

    private Step<Completion> afterFailure(WorkUnit unit, Report report) {
        // the same failure from two different workers is the candidate's failure, not a worker's
        Set<String> agreeing = new HashSet<>();
        for (Opinion o : unit.opinions()) {
            if (!o.succeeded() && o.failureCode() == report.failureCode()) {
                agreeing.add(o.workerId());
            }
        }
        if (agreeing.size() >= 2) {
            return fail(new CandidateFailure(report.failureCode(), report.failureCause()), WireMessage.ACCEPTED);
        }
        if (unit.attempts() >= policy.maxAttempts()) {
            return fail(new CandidateFailure(report.failureCode(), "unit " + unit.index() + " gave up after "
                    + unit.attempts() + " attempts; last cause: " + report.failureCause()), WireMessage.ACCEPTED);
        }
        return new Step<>(this, new Completion(WireMessage.ACCEPTED, false, state, List.of(), List.of()));
    }

    // ------------------------------------------------------------------ sweep

    /**
     * Takes back every lease whose deadline passed, re-judges units whose spot check can no
     * longer be served, and fails the candidate when a unit ran out of attempts.
     */
    public Step<Sweep> sweep(long now, int workersOnline) {
        if (state != CandidateState.RUNNING) {
            return Step.unchanged(new Sweep(List.of(), state, List.of(), counts()));
        }
        List<LeaseHolder> expired = new ArrayList<>();
        List<WorkUnit> updatedUnits = new ArrayList<>(units);
        boolean changed = false;
        for (WorkUnit u : units) {
            if (u.done()) {
                continue;
            }
            WorkUnit updated = u;
            if (hasExpired(u, now)) {
                List<ActiveLease> alive = new ArrayList<>(u.leases().size());
                for (ActiveLease l : u.leases()) {
                    if (l.deadlineMillis() < now) {
                        expired.add(new LeaseHolder(u.index(), l.epoch(), l.workerId()));
                    } else {
                        alive.add(l);
                    }
                }
                updated = u.expired(alive, u.leases().size() - alive.size());
            }
            if (!updated.opinions().isEmpty()
                    && Verification.judge(updated, policy, workersOnline) instanceof Verdict.Agreed agreed) {
                updated = updated.accepted(agreed.epoch(), agreed.digest());
            }
            if (updated != u) {
                updatedUnits.set(u.index(), updated);
                changed = true;
            }
            if (!updated.done() && updated.attempts() >= policy.maxAttempts()) {
                CandidateWork partial = new CandidateWork(generationId, candidate, caseCount, nextCase, nextEpoch,
                        updatedUnits, state, failure, policy);
                Step<Completion> failed = partial.fail(new CandidateFailure(ErrorCode.GENERATION_FAILED, "unit "
                        + u.index() + " used " + updated.attempts() + " attempts (" + updated.expiries()
                        + " leases expired) without a result"), WireMessage.ACCEPTED);
                return new Step<>(failed.next(), new Sweep(expired, CandidateState.FAILED, failed.result().cancelled(),
                        failed.next().counts()));
            }
        }
        if (!changed) {
            return Step.unchanged(new Sweep(List.of(), state, List.of(), counts()));
        }
        CandidateWork next = new CandidateWork(generationId, candidate, caseCount, nextCase, nextEpoch, updatedUnits,
                state, failure, policy).finishIfComplete();
        return new Step<>(next, new Sweep(expired, next.state(), List.of(), next.counts()));
    }

    private static boolean hasExpired(WorkUnit unit, long now) {
        for (ActiveLease l : unit.leases()) {
            if (l.deadlineMillis() < now) {
                return true;
            }
        }
        return false;
    }

    /** Extends the deadlines of the leases {@code workerId} still holds (a heartbeat). Returns how many. */
    public Step<Integer> extend(String workerId, long[] epochs, long deadline) {
        CandidateWork next = this;
        int extended = 0;
        for (WorkUnit u : units) {
            List<ActiveLease> leases = new ArrayList<>(u.leases().size());
            boolean touched = false;
            for (ActiveLease l : u.leases()) {
                if (l.workerId().equals(workerId) && contains(epochs, l.epoch()) && l.deadlineMillis() < deadline) {
                    leases.add(l.withDeadline(deadline));
                    touched = true;
                    extended++;
                } else {
                    leases.add(l);
                }
            }
            if (touched) {
                next = next.withUnit(u.withLeases(leases));
            }
        }
        return extended == 0 ? Step.unchanged(0) : new Step<>(next, extended);
    }

    /**
     * Takes back leases that never reached their worker (its connection closed first): they return
     * to the pool at once, without counting as an attempt. Returns how many.
     */
    public Step<Integer> release(String workerId, long[] epochs) {
        CandidateWork next = this;
        int released = 0;
        for (WorkUnit u : units) {
            List<ActiveLease> kept = new ArrayList<>(u.leases().size());
            for (ActiveLease l : u.leases()) {
                if (l.workerId().equals(workerId) && contains(epochs, l.epoch())) {
                    released++;
                } else {
                    kept.add(l);
                }
            }
            if (kept.size() != u.leases().size()) {
                next = next.withUnit(u.withLeases(kept));
            }
        }
        return released == 0 ? Step.unchanged(0) : new Step<>(next, released);
    }

    /** Cancels the candidate (its generation was cancelled); returns the leases to call back. */
    public Step<List<LeaseHolder>> cancel() {
        if (state.finished()) {
            return Step.unchanged(List.of());
        }
        List<LeaseHolder> out = new ArrayList<>();
        List<WorkUnit> next = new ArrayList<>(units.size());
        for (WorkUnit u : units) {
            out.addAll(holders(u));
            next.add(u.withLeases(List.of()));
        }
        return new Step<>(new CandidateWork(generationId, candidate, caseCount, nextCase, nextEpoch, next,
                CandidateState.CANCELLED, new CandidateFailure(ErrorCode.GENERATION_FAILED, "generation cancelled"),
                policy), out);
    }

    // ------------------------------------------------------------------ helpers

    private Step<Completion> fail(CandidateFailure why, String outcome) {
        List<LeaseHolder> cancelled = new ArrayList<>();
        List<WorkUnit> next = new ArrayList<>(units.size());
        for (WorkUnit u : units) {
            cancelled.addAll(holders(u));
            next.add(u.withLeases(List.of()));
        }
        CandidateWork failed = new CandidateWork(generationId, candidate, caseCount, nextCase, nextEpoch, next,
                CandidateState.FAILED, why, policy);
        return new Step<>(failed, new Completion(outcome, false, CandidateState.FAILED, List.of(), cancelled));
    }

    private CandidateWork finishIfComplete() {
        if (state != CandidateState.RUNNING || nextCase < caseCount) {
            return this;
        }
        // Backwards: the newest units are the ones still out, so an unfinished one is found at once.
        for (int i = units.size() - 1; i >= 0; i--) {
            if (!units.get(i).done()) {
                return this;
            }
        }
        return new CandidateWork(generationId, candidate, caseCount, nextCase, nextEpoch, units,
                CandidateState.COMPLETE, null, policy);
    }

    private static List<LeaseHolder> holders(WorkUnit unit) {
        List<LeaseHolder> out = new ArrayList<>(unit.leases().size());
        for (ActiveLease l : unit.leases()) {
            out.add(new LeaseHolder(unit.index(), l.epoch(), l.workerId()));
        }
        return out;
    }

    CandidateWork withUnit(WorkUnit unit) {
        List<WorkUnit> next = ((UnitList) units).with(unit.index(), unit);
        return new CandidateWork(generationId, candidate, caseCount, nextCase, nextEpoch, next, state, failure, policy);
    }

    CandidateWork withNextEpoch(long epoch) {
        return new CandidateWork(generationId, candidate, caseCount, nextCase, epoch, units, state, failure, policy);
    }

    private static boolean contains(long[] values, long v) {
        for (long x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
