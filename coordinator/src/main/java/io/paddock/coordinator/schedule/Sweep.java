package io.paddock.coordinator.schedule;

import java.io.Serializable;
import java.util.List;

/**
 * What a sweep of one candidate did: leases that expired, and the candidate's state afterwards
 * (a sweep can finish a candidate: a spot check waived, or a unit out of attempts), plus its
 * unit counts for progress and metrics.
 */
public record Sweep(List<LeaseHolder> expired, CandidateState state, List<LeaseHolder> cancelled, UnitCounts counts)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public Sweep {
        expired = List.copyOf(expired);
        cancelled = List.copyOf(cancelled);
    }
}
