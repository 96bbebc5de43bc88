package io.paddock.coordinator.schedule;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A unit of work: cases {@code [from, to)} of one candidate, with the leases out on it and
 * the answers received. Cut when first leased (so its size fits the worker that takes it) and
 * fixed from then on, so replicas and retries run exactly the same cases.
 *
 * @param index          position in the candidate's unit list
 * @param from           first case index
 * @param to             one past the last case index
 * @param spotCheck      whether a trusted answer needs a second opinion (when a second worker is online)
 * @param leases         leases out now
 * @param opinions       answers received, in arrival order
 * @param expiries       leases that expired
 * @param acceptedEpoch  the epoch whose result is the unit's agreed result, or -1 while open
 * @param acceptedDigest the agreed evidence digest, or null while open
 */
public record WorkUnit(int index, int from, int to, boolean spotCheck, List<ActiveLease> leases,
                       List<Opinion> opinions, int expiries, long acceptedEpoch, String acceptedDigest)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public WorkUnit {
        leases = List.copyOf(leases);
        opinions = List.copyOf(opinions);
    }

    static WorkUnit cut(int index, int from, int to, boolean spotCheck) {
        return new WorkUnit(index, from, to, spotCheck, List.of(), List.of(), 0, -1, null);
    }

    public boolean done() {
        return acceptedEpoch >= 0;
    }

    public int caseCount() {
        return to - from;
    }

    /** Answers plus expired leases: what the attempt bound counts. */
    public int attempts() {
        return opinions.size() + expiries;
    }

    ActiveLease lease(long epoch) {
        for (ActiveLease l : leases) {
            if (l.epoch() == epoch) {
                return l;
            }
        }
        return null;
    }

    boolean answered(long epoch) {
        for (Opinion o : opinions) {
            if (o.epoch() == epoch) {
                return true;
            }
        }
        return false;
    }

    boolean holds(String workerId) {
        for (ActiveLease l : leases) {
            if (l.workerId().equals(workerId)) {
                return true;
            }
        }
        return false;
    }

    WorkUnit withLease(ActiveLease lease) {
        List<ActiveLease> next = new ArrayList<>(leases);
        next.add(lease);
        return new WorkUnit(index, from, to, spotCheck, next, opinions, expiries, acceptedEpoch, acceptedDigest);
    }

    WorkUnit withLeases(List<ActiveLease> next) {
        return new WorkUnit(index, from, to, spotCheck, next, opinions, expiries, acceptedEpoch, acceptedDigest);
    }

    WorkUnit answeredBy(Opinion opinion) {
        List<ActiveLease> remaining = new ArrayList<>(leases.size());
        for (ActiveLease l : leases) {
            if (l.epoch() != opinion.epoch()) {
                remaining.add(l);
            }
        }
        List<Opinion> next = new ArrayList<>(opinions);
        next.add(opinion);
        return new WorkUnit(index, from, to, spotCheck, remaining, next, expiries, acceptedEpoch, acceptedDigest);
    }

    WorkUnit expired(List<ActiveLease> remaining, int newlyExpired) {
        return new WorkUnit(index, from, to, spotCheck, remaining, opinions, expiries + newlyExpired,
                acceptedEpoch, acceptedDigest);
    }

    WorkUnit accepted(long epoch, String digest) {
        return new WorkUnit(index, from, to, spotCheck, List.of(), opinions, expiries, epoch, digest);
    }
}
