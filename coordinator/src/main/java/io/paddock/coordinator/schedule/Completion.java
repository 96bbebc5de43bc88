package io.paddock.coordinator.schedule;

import java.io.Serializable;
import java.util.List;

/**
 * What ingesting a report did.
 *
 * @param outcome     accepted, duplicate or stale (the wire's ack outcomes)
 * @param unitDone    whether this report settled its unit
 * @param state       the candidate's state afterwards
 * @param losers      workers whose answers lost a vote (to quarantine)
 * @param cancelled   leases no longer wanted (to tell their workers)
 */
public record Completion(String outcome, boolean unitDone, CandidateState state, List<String> losers,
                         List<LeaseHolder> cancelled) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Completion {
        losers = List.copyOf(losers);
        cancelled = List.copyOf(cancelled);
    }

    static Completion ignored(String outcome, CandidateState state) {
        return new Completion(outcome, false, state, List.of(), List.of());
    }
}
