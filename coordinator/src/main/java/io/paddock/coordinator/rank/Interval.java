package io.paddock.coordinator.rank;

/** A closed interval [low, high], e.g. a bootstrap 95% percentile interval. */
public record Interval(double low, double high) {
    public static final Interval ZERO = new Interval(0, 0);

    public Interval {
        if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
            throw new IllegalArgumentException("interval must be finite with low <= high, was [" + low + ", " + high + "]");
        }
    }
}
