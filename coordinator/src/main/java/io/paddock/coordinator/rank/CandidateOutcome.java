package io.paddock.coordinator.rank;

/** What the farm knows about one candidate when ranking: its evaluation, or why it has none. */
public sealed interface CandidateOutcome permits EvaluatedCandidate, FailedCandidate {

    String id();

    /** Whether this candidate is the generation's parent (at most one is). */
    boolean parent();
}
