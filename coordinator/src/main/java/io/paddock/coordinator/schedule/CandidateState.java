package io.paddock.coordinator.schedule;

/** Where a candidate's work stands. */
public enum CandidateState {
    /** Units are still being leased or awaited. */
    RUNNING,
    /** Every case has an agreed result. */
    COMPLETE,
    /** The candidate failed with a typed cause (never a zero score). */
    FAILED,
    /** The generation was cancelled. */
    CANCELLED;

    public boolean finished() {
        return this != RUNNING;
    }
}
