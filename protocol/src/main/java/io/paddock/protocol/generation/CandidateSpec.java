package io.paddock.protocol.generation;

import java.util.List;
import java.util.Objects;

/**
 * One candidate of a generation: a model package and the adapters applied to it in order,
 * each given by reference — a path relative to the generation file, or a package digest
 * {@code sha256:…} when submitted to a coordinator. {@code parent} marks the candidate
 * the others are compared with.
 */
public record CandidateSpec(String id, String model, List<String> adapters, boolean parent) {
    public CandidateSpec {
        Objects.requireNonNull(id, "candidate id");
        Objects.requireNonNull(model, "candidate model");
        adapters = List.copyOf(adapters);
    }
}
