package io.paddock.runtime.generate;

import io.paddock.protocol.evidence.Diagnostics;

/**
 * The outcome of one generation (C11).
 *
 * @param promptTokens  the prompt as prefilled (BOS kept, terminal EOS stripped)
 * @param outputTokens  generated ids (EOS not included)
 * @param outputBytes   the decoded bytes of the output tokens (may be invalid UTF-8)
 * @param validUtf8     whether {@code outputBytes} is well-formed UTF-8
 * @param text          the output text, invalid subparts shown as U+FFFD
 * @param diagnostics   counts, timings, KV length, scratch, quantization, adapters, checksum, sampling
 */
public record GenerationResult(
        int[] promptTokens,
        int[] outputTokens,
        byte[] outputBytes,
        boolean validUtf8,
        String text,
        Diagnostics diagnostics) {
}
