package io.paddock.protocol.generation;

import io.paddock.protocol.suite.SuiteLimits;

/**
 * Bounds on an untrusted generation: its UTF-8 size (an inline suite included), number of
 * candidates, adapters per candidate, and the limits applied to its suite (inline or file).
 */
public record GenerationLimits(long maxBytes, int maxCandidates, int maxAdapters, SuiteLimits suite) {
    /** 32 MiB, 10,000 candidates, 64 adapters each, {@link SuiteLimits#DEFAULT}. */
    public static final GenerationLimits DEFAULT = new GenerationLimits(32L << 20, 10_000, 64, SuiteLimits.DEFAULT);

    public GenerationLimits {
        if (maxBytes < 1 || maxCandidates < 1 || maxAdapters < 0 || suite == null) {
            throw new IllegalArgumentException("invalid generation limits: " + maxBytes + ", " + maxCandidates
                    + ", " + maxAdapters + ", " + suite);
        }
    }
}
