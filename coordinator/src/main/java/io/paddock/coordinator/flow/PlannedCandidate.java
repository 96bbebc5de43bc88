package io.paddock.coordinator.flow;

import io.paddock.coordinator.schedule.CandidateFailure;

import java.util.List;

/**
 * One candidate of a plan.
 *
 * @param index             position in the generation
 * @param id                the candidate id
 * @param parent            whether it is the parent
 * @param modelDigest       its model package ("" when rejected before it was known)
 * @param adapterDigests    its adapters in order
 * @param modelBytes        model package size
 * @param adapterBytes      adapter packages' total size
 * @param costBytesPerToken weight bytes read per generated token
 * @param rejection         why it cannot run, or null
 */
public record PlannedCandidate(int index, String id, boolean parent, String modelDigest, List<String> adapterDigests,
                               long modelBytes, long adapterBytes, long costBytesPerToken, CandidateFailure rejection) {
    public PlannedCandidate {
        adapterDigests = List.copyOf(adapterDigests);
    }

    public boolean runnable() {
        return rejection == null;
    }
}
