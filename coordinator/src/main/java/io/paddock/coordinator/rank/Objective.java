package io.paddock.coordinator.rank;

/**
 * The objectives a candidate is ranked on, with their direction. {@link #SPEED} is the
 * only timing-based one: it never takes part in the deterministic ranking.
 */
public enum Objective {
    /** Mean case score (matched = 1), higher is better. */
    QUALITY("quality", true),
    /** Mean per-token log-likelihood of the expected answers, higher is better. */
    LOG_LIKELIHOOD("loglik", true),
    /** Weight bytes read per generated token, lower is better. */
    COST("cost", false),
    /** Calibrated tokens per second (timing), higher is better. */
    SPEED("speed", true),
    /** Package bytes (model + adapters), lower is better. */
    SIZE("size", false);

    private final String key;
    private final boolean higherIsBetter;

    Objective(String key, boolean higherIsBetter) {
        this.key = key;
        this.higherIsBetter = higherIsBetter;
    }

    /** The name used in generation files, JSON and CSV: quality, loglik, cost, speed, size. */
    public String key() {
        return key;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether the objective is computed from evidence only (everything but speed). */
    public boolean deterministic() {
        return this != SPEED;
    }

    public static Objective fromKey(String key) {
        for (Objective o : values()) {
            if (o.key.equals(key)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown objective '" + key + "' (expected quality, loglik, cost, speed or size)");
    }
}
