package io.paddock.coordinator.rank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One ranking over some objectives: Pareto fronts ({@link NonDominatedSorting}), crowding
 * ({@link CrowdingDistance}), weighted score ({@link WeightedScore}), then the order front
 * ascending, score descending, crowding descending, id ascending.
 */
public final class ParetoRanking {

    private ParetoRanking() {
    }

    /**
     * @param ids        candidate ids, unique
     * @param values     values[candidate][objective], raw, finite, aligned with {@code objectives}
     * @param objectives the objectives taking part
     * @param weights    their weights
     * @return placements, best first
     */
    public static List<Placement> rank(List<String> ids, double[][] values, List<Objective> objectives,
                                       ObjectiveWeights weights) {
        int n = ids.size();
        int m = objectives.size();
        boolean[] up = new boolean[m];
        double[] w = new double[m];
        for (int j = 0; j < m; j++) {
            up[j] = objectives.get(j).higherIsBetter();
            w[j] = weights.weight(objectives.get(j));
        }
        double[][] maximized = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double v = values[i][j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("objective " + objectives.get(j).key() + " of candidate '"
                            + ids.get(i) + "' is not finite: " + v);
                }
                maximized[i][j] = up[j] ? v : -v;
            }
        }
        int[] front = new int[n];
        double[] crowding = new double[n];
        List<int[]> fronts = NonDominatedSorting.fronts(maximized);
        for (int f = 0; f < fronts.size(); f++) {
            int[] members = fronts.get(f);
            double[] d = CrowdingDistance.of(maximized, members);
            for (int k = 0; k < members.length; k++) {
                front[members[k]] = f + 1;
                crowding[members[k]] = d[k];
            }
        }
        double[] score = WeightedScore.of(values, up, w);

        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> front[i])
                .thenComparing((a, b) -> Double.compare(score[b], score[a]))
                .thenComparing((a, b) -> Double.compare(crowding[b], crowding[a]))
                .thenComparing(ids::get));
        List<Placement> out = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            int i = order[r];
            out.add(new Placement(r + 1, ids.get(i), front[i], score[i], crowding[i]));
        }
        return out;
    }
}
