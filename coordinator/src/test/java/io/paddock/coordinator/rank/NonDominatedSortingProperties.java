package io.paddock.coordinator.rank;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NonDominatedSortingProperties {

    @Provide
    Arbitrary<double[][]> points() {
        return Arbitraries.integers().between(1, 3).flatMap(m ->
                Arbitraries.integers().between(0, 4).map(v -> (double) v)
                        .array(double[].class).ofSize(m)
                        .array(double[][].class).ofMinSize(0).ofMaxSize(14));
    }

    @Property(tries = 300)
    void frontsPartitionThePointsInDominanceOrder(@ForAll("points") double[][] points) {
        List<int[]> fronts = NonDominatedSorting.fronts(points);
        int[] frontOf = new int[points.length];
        int placed = 0;
        for (int f = 0; f < fronts.size(); f++) {
            for (int p : fronts.get(f)) {
                assertThat(frontOf[p]).isZero();
                frontOf[p] = f + 1;
                placed++;
            }
        }
        assertThat(placed).isEqualTo(points.length);
        for (int p = 0; p < points.length; p++) {
            boolean dominatedByPrevious = frontOf[p] == 1;
            for (int q = 0; q < points.length; q++) {
                if (NonDominatedSorting.dominates(points[q], points[p])) {
                    assertThat(frontOf[q]).isLessThan(frontOf[p]);
                    dominatedByPrevious |= frontOf[q] == frontOf[p] - 1;
                }
            }
            assertThat(dominatedByPrevious).isTrue();
        }
    }

    @Property(tries = 200)
    void crowdingIsNonNegativeAndInfiniteAtTheEnds(@ForAll("points") double[][] points) {
        for (int[] front : NonDominatedSorting.fronts(points)) {
            double[] d = CrowdingDistance.of(points, front);
            assertThat(d).hasSize(front.length);
            for (double v : d) {
                assertThat(v).isGreaterThanOrEqualTo(0);
            }
        }
    }
}
