package io.paddock.protocol.generation;

import java.util.List;

/**
 * Weights of the ranking objectives (each finite and ≥ 0). Absent from a generation file,
 * quality weighs 1 and the others 0.
 */
public record Objectives(double quality, double loglik, double cost, double speed, double size) {
    /** The JSON names, in canonical order. */
    public static final List<String> NAMES = List.of("quality", "loglik", "cost", "speed", "size");
    public static final Objectives DEFAULT = new Objectives(1, 0, 0, 0, 0);

    /** @throws IllegalArgumentException if a weight is negative or not finite */
    public Objectives {
        double[] all = {quality, loglik, cost, speed, size};
        for (int i = 0; i < all.length; i++) {
            if (!Double.isFinite(all[i]) || all[i] < 0) {
                throw new IllegalArgumentException("objective weight '" + NAMES.get(i)
                        + "' must be finite and ≥ 0, got " + all[i]);
            }
        }
    }

    /** The weight called {@code name} (one of {@link #NAMES}). */
    public double weight(String name) {
        switch (name) {
            case "quality":
                return quality;
            case "loglik":
                return loglik;
            case "cost":
                return cost;
            case "speed":
                return speed;
            case "size":
                return size;
            default:
                throw new IllegalArgumentException("unknown objective '" + name + "'");
        }
    }
}
