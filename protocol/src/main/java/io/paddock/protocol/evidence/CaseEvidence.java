package io.paddock.protocol.evidence;

/**
 * Evidence for one case that ran.
 *
 * @param caseId             the suite's case id
 * @param promptTokens       prompt token ids as prefilled
 * @param outputTokens       generated token ids (EOS not included)
 * @param outputText         decoded output; invalid UTF-8 shown with U+FFFD
 * @param validUtf8          whether the output bytes were valid UTF-8 (invalid = failed match)
 * @param matched            the case's match rule applied to output and expected text
 * @param editSimilarity     1 − Levenshtein(output, expected) / max(len) over code points, in [0, 1]
 * @param logLikelihoodSum   teacher-forced Σ log p(expected token) (C11)
 * @param logLikelihoodMean  the sum divided by the expected token count
 * @param expectedTokens     tokens of the expected text (the count the mean divides by)
 * @param diagnostics        runtime diagnostics (timings excluded from the digest)
 */
public record CaseEvidence(
        String caseId,
        int[] promptTokens,
        int[] outputTokens,
        String outputText,
        boolean validUtf8,
        boolean matched,
        float editSimilarity,
        float logLikelihoodSum,
        float logLikelihoodMean,
        int expectedTokens,
        Diagnostics diagnostics) implements CaseResult {
}
