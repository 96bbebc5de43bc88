package io.paddock.protocol.suite;

/** One case of an eval suite (one JSONL line). */
public record EvalCase(String id, String prompt, String expected, int maxNewTokens, MatchRule match) {
}
