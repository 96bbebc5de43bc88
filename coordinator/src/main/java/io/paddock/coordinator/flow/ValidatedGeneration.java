package io.paddock.coordinator.flow;

import io.paddock.protocol.generation.GenerationSpec;
import io.paddock.protocol.suite.Suite;

import java.util.List;

/** The output of the submit stage: a well-formed generation whose packages are known. */
public record ValidatedGeneration(GenerationSpec spec, Suite suite, List<ValidatedCandidate> candidates) {
    public ValidatedGeneration {
        candidates = List.copyOf(candidates);
    }
}
