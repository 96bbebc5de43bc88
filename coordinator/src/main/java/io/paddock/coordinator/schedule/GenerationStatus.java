package io.paddock.coordinator.schedule;

/** Where a generation stands. */
public enum GenerationStatus {
    /** Units are being evaluated. */
    RUNNING,
    /** Every candidate finished; verifying, ranking and reporting. */
    RANKING,
    /** Ranked and reported. */
    DONE,
    /** Cancelled by its submitter. */
    CANCELLED,
    /** Ranking or reporting failed (the message says why). */
    FAILED;

    public boolean finished() {
        return this == DONE || this == CANCELLED || this == FAILED;
    }

    /** The lowercase name used in JSON. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
