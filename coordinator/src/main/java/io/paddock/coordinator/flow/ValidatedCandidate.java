package io.paddock.coordinator.flow;

import io.paddock.coordinator.schedule.CandidateFailure;
import io.paddock.coordinator.store.PackageInfo;
import io.paddock.protocol.generation.CandidateSpec;

import java.util.List;

/**
 * A candidate after submission checks: its packages as stored, or why it cannot run.
 *
 * @param index     position in the generation
 * @param spec      as submitted
 * @param model     the model package (null when rejected before it was found)
 * @param adapters  the adapter packages, in order (empty when rejected)
 * @param rejection null when the candidate can run
 */
public record ValidatedCandidate(int index, CandidateSpec spec, PackageInfo model, List<PackageInfo> adapters,
                                 CandidateFailure rejection) {
    public ValidatedCandidate {
        adapters = List.copyOf(adapters);
    }
}
