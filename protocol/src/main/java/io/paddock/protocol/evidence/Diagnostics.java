package io.paddock.protocol.evidence;

import io.paddock.protocol.suite.Sampling;

/**
 * Runtime diagnostics after one generation (issue 3 §4). Timings ({@code prefillNanos},
 * {@code decodeNanos}, {@code tokensPerSecond}) are never part of an evidence digest.
 *
 * @param promptTokens      prompt tokens prefilled (BOS included, terminal EOS stripped)
 * @param generatedTokens   tokens generated (EOS not counted)
 * @param prefillNanos      wall time of the prefill
 * @param decodeNanos       wall time of the decode loop
 * @param tokensPerSecond   generated tokens / decode seconds (0 when nothing was decoded)
 * @param kvLength          committed KV-cache positions at the end
 * @param peakScratchBytes  bytes of forward scratch, KV cache and logits held by the state
 * @param quantization      "f32", "q8_0", "q4_0", or "mixed"
 * @param adapterCount      adapters applied to the assembled candidate
 * @param assemblyChecksum  C8 checksum of the assembled weights
 * @param lastError         the last error's published name, or "" when none
 * @param sampling          the sampling settings in force
 */
public record Diagnostics(
        int promptTokens,
        int generatedTokens,
        long prefillNanos,
        long decodeNanos,
        double tokensPerSecond,
        int kvLength,
        long peakScratchBytes,
        String quantization,
        int adapterCount,
        long assemblyChecksum,
        String lastError,
        Sampling sampling) {
}
