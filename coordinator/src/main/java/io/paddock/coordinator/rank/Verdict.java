package io.paddock.coordinator.rank;

/** Outcome of the paired bootstrap against the parent. */
public enum Verdict {
    /** The 95% interval of the difference lies entirely above 0. */
    BETTER("better"),
    /** The 95% interval of the difference lies entirely below 0. */
    WORSE("worse"),
    /** The interval contains 0 (including all paired differences being zero). */
    INDISTINGUISHABLE("indistinguishable"),
    /** The candidate is the parent. */
    PARENT("parent"),
    /** No comparison: no valid parent, or no case both ran. */
    NOT_APPLICABLE("n/a");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the verdict comes from an actual comparison (better, worse, indistinguishable). */
    public boolean compared() {
        return this == BETTER || this == WORSE || this == INDISTINGUISHABLE;
    }

    public static Verdict of(Interval difference) {
        if (difference.low() > 0) {
            return BETTER;
        }
        if (difference.high() < 0) {
            return WORSE;
        }
        return INDISTINGUISHABLE;
    }

    public static Verdict fromLabel(String label) {
        for (Verdict v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + label + "'");
    }
}
