package io.paddock.coordinator.flow;

import java.util.List;

/** The output of the verify stage: every candidate with its agreed results or its failure. */
public record VerifiedGeneration(GenerationPlan plan, List<VerifiedCandidate> candidates) {
    public VerifiedGeneration {
        candidates = List.copyOf(candidates);
    }
}
