package io.paddock.protocol.evidence;

import io.paddock.protocol.error.ErrorCode;

/** A case that could not run, with its cause. Counts as a failure, never as a zero score. */
public record CaseFailure(String caseId, ErrorCode code, String cause) implements CaseResult {
}
