package io.paddock.coordinator.rank;

/** A valid candidate in the deterministic ranking, with its figures and its comparison to the parent. */
public record RankedCandidate(Placement placement, boolean parent, FitnessVector fitness, PairedComparison vsParent) {

    public String id() {
        return placement.id();
    }
}
