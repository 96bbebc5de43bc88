package io.paddock.protocol.suite;

/**
 * Sampling settings (C10). Defaults are the reference's: temperature 0, top_k 1, top_p 1,
 * seed 1 (greedy). Validation (never clamping) happens where they are used: see
 * {@code io.paddock.runtime.sample.Sampler}.
 */
public record Sampling(float temperature, int topK, float topP, long seed) {
    public static final Sampling GREEDY = new Sampling(0f, 1, 1f, 1L);
}
