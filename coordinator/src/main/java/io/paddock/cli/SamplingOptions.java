package io.paddock.cli;

import io.paddock.protocol.suite.Sampling;
import picocli.CommandLine.Option;

/** Sampling flags (C10). Defaults are greedy: temperature 0, top_k 1, top_p 1, seed 1. Invalid values are rejected, never clamped. */
final class SamplingOptions {
    @Option(names = "--temperature", defaultValue = "0", description = "0 = greedy (default 0)")
    float temperature;

    @Option(names = "--top-k", defaultValue = "1", description = "1..1024 (default 1)")
    int topK;

    @Option(names = "--top-p", defaultValue = "1", description = "(0, 1] (default 1)")
    float topP;

    @Option(names = "--seed", defaultValue = "1", description = "PRNG seed, re-seeded per generation (default 1)")
    long seed;

    Sampling sampling() {
        return new Sampling(temperature, topK, topP, seed);
    }
}
