package io.paddock.coordinator.dispatch;

import io.paddock.coordinator.flow.GenerationPlan;
import io.paddock.coordinator.flow.PlannedCandidate;
import io.paddock.coordinator.schedule.CandidateWork;
import io.paddock.coordinator.workers.WorkerSession;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This coordinator's view of which candidates may have work, in generation order, with a
 * version that moves whenever work may have come back (a lease expired, a unit wants another
 * opinion, a generation arrived). A hint only: the work map decides; a stale board costs one
 * empty entry-processor call. Event-loop confined.
 */
public final class WorkBoard {
    /** One candidate with work to hand out. */
    public record Slot(String key, String generationId, int candidate, String modelDigest) {
    }

    private final Map<String, Slot> active = new LinkedHashMap<>();
    private long version;

    /** Adds a plan's runnable candidates. */
    public void add(GenerationPlan plan) {
        for (PlannedCandidate c : plan.candidates()) {
            if (c.runnable()) {
                String key = CandidateWork.key(plan.id(), c.index());
                active.putIfAbsent(key, new Slot(key, plan.id(), c.index(), c.modelDigest()));
            }
        }
        bump();
    }

    public void remove(String key) {
        active.remove(key);
    }

    public void removeGeneration(String generationId) {
        active.values().removeIf(s -> s.generationId().equals(generationId));
    }

    public boolean has(String generationId) {
        for (Slot s : active.values()) {
            if (s.generationId().equals(generationId)) {
                return true;
            }
        }
        return false;
    }

    public List<String> keys() {
        return new ArrayList<>(active.keySet());
    }

    public long version() {
        return version;
    }

    public void bump() {
        version++;
    }

    /**
     * The candidates in the order a worker should try them (locality): the one it ran last (its
     * assembled candidate is warm), then candidates no other worker here is on (so workers spread
     * over candidates instead of all assembling every one), those whose model it holds first, then
     * the rest (helping others finish), again those whose model it holds first.
     */
    public List<Slot> order(WorkerSession worker, Collection<WorkerSession> everyone) {
        Set<String> claimed = new HashSet<>();
        for (WorkerSession s : everyone) {
            if (s != worker) {
                for (WorkerSession.Running r : s.running().values()) {
                    claimed.add(r.candidateKey());
                }
            }
        }
        List<Slot> last = new ArrayList<>(1);
        List<Slot> freeHeld = new ArrayList<>();
        List<Slot> free = new ArrayList<>();
        List<Slot> busyHeld = new ArrayList<>();
        List<Slot> busy = new ArrayList<>();
        String previous = worker.lastCandidateKey();
        for (Slot s : active.values()) {
            boolean held = worker.holds(s.modelDigest());
            if (s.key().equals(previous)) {
                last.add(s);
            } else if (!claimed.contains(s.key())) {
                (held ? freeHeld : free).add(s);
            } else {
                (held ? busyHeld : busy).add(s);
            }
        }
        last.addAll(freeHeld);
        last.addAll(free);
        last.addAll(busyHeld);
        last.addAll(busy);
        return last;
    }
}
