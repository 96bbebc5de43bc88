package io.paddock.coordinator.rank;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The generation's objective weights: finite and non-negative. An objective with weight 0
 * takes no part in the Pareto fronts nor in the weighted score.
 */
public record ObjectiveWeights(double quality, double logLikelihood, double cost, double speed, double size) {

    public ObjectiveWeights {
        check("quality", quality);
        check("loglik", logLikelihood);
        check("cost", cost);
        check("speed", speed);
        check("size", size);
    }

    /** Weights by {@link Objective#key()}; absent keys weigh 0, unknown keys are an error. */
    public static ObjectiveWeights fromMap(Map<String, Double> weights) {
        double[] w = new double[Objective.values().length];
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("objective weight '" + e.getKey() + "' is null");
            }
            w[Objective.fromKey(e.getKey()).ordinal()] = e.getValue();
        }
        return new ObjectiveWeights(w[0], w[1], w[2], w[3], w[4]);
    }

    public double weight(Objective objective) {
        switch (objective) {
            case QUALITY:
                return quality;
            case LOG_LIKELIHOOD:
                return logLikelihood;
            case COST:
                return cost;
            case SPEED:
                return speed;
            case SIZE:
                return size;
            default:
                throw new IllegalStateException("unhandled objective " + objective);
        }
    }

    /** Objectives with a positive weight, in {@link Objective} order; speed only if {@code withTiming}. */
    public List<Objective> active(boolean withTiming) {
        List<Objective> out = new ArrayList<>();
        for (Objective o : Objective.values()) {
            if (weight(o) > 0 && (o.deterministic() || withTiming)) {
                out.add(o);
            }
        }
        return List.copyOf(out);
    }

    private static void check(String name, double w) {
        if (!Double.isFinite(w) || w < 0) {
            throw new IllegalArgumentException("objective weight '" + name + "' must be finite and >= 0, was " + w);
        }
    }
}
