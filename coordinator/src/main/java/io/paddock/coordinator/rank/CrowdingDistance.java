package io.paddock.coordinator.rank;

import java.util.Arrays;
import java.util.Comparator;

/**
 * NSGA-II crowding distance within one front. A front of one or two points: all +∞.
 * Otherwise, per objective in order: the front sorted by value (ties by point index); if the
 * objective is constant on the front it contributes nothing; else both ends get +∞ and each
 * inner point adds (next − previous) ÷ (max − min) of the front.
 */
public final class CrowdingDistance {

    private CrowdingDistance() {
    }

    /** Distances aligned with {@code front} (indices into {@code points}). */
    public static double[] of(double[][] points, int[] front) {
        int k = front.length;
        double[] distance = new double[k];
        if (k <= 2) {
            Arrays.fill(distance, Double.POSITIVE_INFINITY);
            return distance;
        }
        int objectives = points[front[0]].length;
        for (int m = 0; m < objectives; m++) {
            final int obj = m;
            Integer[] order = new Integer[k];
            for (int i = 0; i < k; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> points[front[i]][obj])
                    .thenComparingInt(i -> front[i]));
            double min = points[front[order[0]]][m];
            double max = points[front[order[k - 1]]][m];
            double range = max - min;
            if (range == 0) {
                continue;
            }
            distance[order[0]] = Double.POSITIVE_INFINITY;
            distance[order[k - 1]] = Double.POSITIVE_INFINITY;
            for (int j = 1; j < k - 1; j++) {
                double gap = points[front[order[j + 1]]][m] - points[front[order[j - 1]]][m];
                distance[order[j]] += gap / range;
            }
        }
        return distance;
    }
}
