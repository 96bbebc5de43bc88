package io.paddock.protocol.evidence;

/** The outcome of one eval case: evidence, or a typed failure with its cause (never a silent zero). */
public sealed interface CaseResult permits CaseEvidence, CaseFailure {
    String caseId();
}
