package io.paddock.coordinator.rank;

import java.util.ArrayList;
import java.util.List;

/**
 * Fast non-dominated sorting (Deb et al., NSGA-II, 2002) of points whose objectives are all
 * to be maximized. p dominates q when p is ≥ q on every objective and > on at least one;
 * equal points do not dominate each other. With no objective every point is in front 1.
 */
public final class NonDominatedSorting {

    private NonDominatedSorting() {
    }

    /** The fronts, best first; each front lists point indices ascending. */
    public static List<int[]> fronts(double[][] points) {
        int n = points.length;
        List<List<Integer>> dominated = new ArrayList<>(n);
        int[] dominationCount = new int[n];
        for (int p = 0; p < n; p++) {
            dominated.add(new ArrayList<>());
        }
        for (int p = 0; p < n; p++) {
            for (int q = p + 1; q < n; q++) {
                if (dominates(points[p], points[q])) {
                    dominated.get(p).add(q);
                    dominationCount[q]++;
                } else if (dominates(points[q], points[p])) {
                    dominated.get(q).add(p);
                    dominationCount[p]++;
                }
            }
        }
        List<int[]> fronts = new ArrayList<>();
        boolean[] current = new boolean[n];
        int placed = 0;
        for (int p = 0; p < n; p++) {
            if (dominationCount[p] == 0) {
                current[p] = true;
            }
        }
        while (placed < n) {
            int[] front = indicesOf(current);
            if (front.length == 0) {
                throw new IllegalStateException("domination is cyclic: non-finite objective values?");
            }
            fronts.add(front);
            placed += front.length;
            boolean[] next = new boolean[n];
            for (int p : front) {
                for (int q : dominated.get(p)) {
                    if (--dominationCount[q] == 0) {
                        next[q] = true;
                    }
                }
            }
            current = next;
        }
        return fronts;
    }

    /** Whether a is ≥ b everywhere and > somewhere (maximization). */
    public static boolean dominates(double[] a, double[] b) {
        boolean strictly = false;
        for (int m = 0; m < a.length; m++) {
            if (a[m] < b[m]) {
                return false;
            }
            if (a[m] > b[m]) {
                strictly = true;
            }
        }
        return strictly;
    }

    private static int[] indicesOf(boolean[] set) {
        int count = 0;
        for (boolean b : set) {
            if (b) {
                count++;
            }
        }
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < set.length; i++) {
            if (set[i]) {
                out[k++] = i;
            }
        }
        return out;
    }
}
