package io.paddock.coordinator.rank;

/**
 * Weighted score = Σ weight × normalized value, objectives in order. Normalization is
 * min-max over all the candidates given, direction-aware (the best value maps to 1, the
 * worst to 0); an objective with the same value for every candidate maps to 0.5. The score
 * is not divided by the weight sum: it lies in [0, Σ weights].
 */
public final class WeightedScore {

    private WeightedScore() {
    }

    /**
     * @param values         values[candidate][objective], raw (not direction-adjusted)
     * @param higherIsBetter per objective
     * @param weights        per objective
     */
    public static double[] of(double[][] values, boolean[] higherIsBetter, double[] weights) {
        int n = values.length;
        double[] score = new double[n];
        for (int m = 0; m < weights.length; m++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] v : values) {
                min = Math.min(min, v[m]);
                max = Math.max(max, v[m]);
            }
            double range = max - min;
            for (int i = 0; i < n; i++) {
                score[i] += weights[m] * normalized(values[i][m], min, max, range, higherIsBetter[m]);
            }
        }
        return score;
    }

    private static double normalized(double v, double min, double max, double range, boolean higherIsBetter) {
        if (range == 0) {
            return 0.5;
        }
        return higherIsBetter ? (v - min) / range : (max - v) / range;
    }
}
