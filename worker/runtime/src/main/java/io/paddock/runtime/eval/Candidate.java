package io.paddock.runtime.eval;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.slm.SlmModel;

import java.util.List;

/**
 * A candidate to evaluate (C7): a base model and the adapters applied to it, in order. The
 * base is never mutated, so many candidates can share one loaded base.
 *
 * @param base       the loaded base model
 * @param adapters   adapters in application order (empty = the base itself)
 * @param baseDigest the SHA-256 of the base's file, checked against adapters bound to a
 *                   parent; {@code null} when the base was never a file (then parent
 *                   digests are not checked, every other binding field still is)
 */
public record Candidate(SlmModel base, List<Adapter> adapters, Digest baseDigest) {
    public Candidate {
        if (base == null) {
            throw new IllegalArgumentException("a candidate needs a base model");
        }
        adapters = List.copyOf(adapters);
    }

    /** The base with these adapters; parent digests are not checked. */
    public static Candidate of(SlmModel base, List<Adapter> adapters) {
        return new Candidate(base, adapters, null);
    }

    /** The base model alone. */
    public static Candidate of(SlmModel base) {
        return new Candidate(base, List.of(), null);
    }
}
