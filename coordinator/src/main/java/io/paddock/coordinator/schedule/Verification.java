package io.paddock.coordinator.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verify stage's rule, pure: since the runtime is bit-exact, agreement is digest equality.
 * A trusted answer stands alone unless its unit is spot-checked (and a second worker is online
 * to check it); an untrusted answer needs a second, identical one from another worker; a
 * disagreement asks one more worker at a time, the majority wins and the others lose.
 */
public final class Verification {
    private Verification() {
    }

    /** Whether a spot check applies now: the unit is picked and someone else could check it. */
    static boolean spotCheckApplies(WorkUnit unit, int workersOnline) {
        return unit.spotCheck() && workersOnline >= 2;
    }

    /** The decision on the answers received so far. */
    public static Verdict judge(WorkUnit unit, SchedulePolicy policy, int workersOnline) {
        if (unit.opinions().size() == 1) {
            // The common case without building vote groups: one answer, trusted (or not) and unchecked.
            Opinion only = unit.opinions().get(0);
            return only.succeeded() && only.trusted() && !spotCheckApplies(unit, workersOnline)
                    ? new Verdict.Agreed(only.epoch(), only.digest(), List.of()) : new Verdict.Pending();
        }
        Map<String, List<Opinion>> groups = groups(unit);
        List<Opinion> best = null;
        for (List<Opinion> g : groups.values()) {
            if (g.size() >= 2 && (best == null || g.size() > best.size())) {
                best = g;
            }
        }
        if (best != null) {
            return agreed(best.get(0), unit);
        }
        if (!spotCheckApplies(unit, workersOnline)) {
            for (Opinion o : unit.opinions()) {
                if (o.succeeded() && o.trusted()) {
                    return agreed(o, unit);
                }
            }
        }
        int answers = successful(unit);
        if (answers >= policy.maxOpinions()) {
            return new Verdict.Undecidable(answers + " workers answered unit " + unit.index() + " and no two agreed ("
                    + groups.size() + " different evidence digests)");
        }
        return new Verdict.Pending();
    }

    /** How many successful answers plus leases out the unit wants right now. */
    static int target(WorkUnit unit, int workersOnline) {
        int answers = successful(unit);
        if (groups(unit).size() >= 2) {
            return answers + 1;
        }
        if (answers == 0 && unit.leases().isEmpty()) {
            return 1;
        }
        boolean allTrusted = true;
        for (ActiveLease l : unit.leases()) {
            allTrusted &= l.trusted();
        }
        for (Opinion o : unit.opinions()) {
            if (o.succeeded()) {
                allTrusted &= o.trusted();
            }
        }
        return allTrusted && !spotCheckApplies(unit, workersOnline) ? 1 : 2;
    }

    /** Whether {@code workerId} may take a lease on this unit now. */
    static boolean leasableTo(WorkUnit unit, String workerId, int workersOnline) {
        if (unit.done()) {
            return false;
        }
        if (unit.opinions().isEmpty()) {
            // The common cases, without building vote groups: a fresh unit, or one out on trusted leases.
            if (unit.leases().isEmpty()) {
                return true;
            }
            boolean allTrusted = true;
            for (ActiveLease l : unit.leases()) {
                if (l.workerId().equals(workerId)) {
                    return false;
                }
                allTrusted &= l.trusted();
            }
            int target = allTrusted && !spotCheckApplies(unit, workersOnline) ? 1 : 2;
            return unit.leases().size() < target;
        }
        if (unit.holds(workerId)) {
            return false;
        }
        for (Opinion o : unit.opinions()) {
            // A worker never checks itself; after a failure another worker gets the retry when there is one.
            if (o.workerId().equals(workerId) && (o.succeeded() || workersOnline >= 2)) {
                return false;
            }
        }
        return unit.leases().size() + successful(unit) < target(unit, workersOnline);
    }

    private static int successful(WorkUnit unit) {
        int n = 0;
        for (Opinion o : unit.opinions()) {
            if (o.succeeded()) {
                n++;
            }
        }
        return n;
    }

    private static Map<String, List<Opinion>> groups(WorkUnit unit) {
        Map<String, List<Opinion>> groups = new LinkedHashMap<>();
        for (Opinion o : unit.opinions()) {
            if (o.succeeded()) {
                groups.computeIfAbsent(o.digest(), d -> new ArrayList<>()).add(o);
            }
        }
        return groups;
    }

    private static Verdict agreed(Opinion winner, WorkUnit unit) {
        List<String> losers = new ArrayList<>();
        for (Opinion o : unit.opinions()) {
            if (o.succeeded() && !o.digest().equals(winner.digest()) && !losers.contains(o.workerId())) {
                losers.add(o.workerId());
            }
        }
        return new Verdict.Agreed(winner.epoch(), winner.digest(), losers);
    }
}
