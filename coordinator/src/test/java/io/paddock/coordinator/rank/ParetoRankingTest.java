package io.paddock.coordinator.rank;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ParetoRankingTest {

    // Maximized points: A(1,5) B(2,4) C(3,3) D(4,1) E(1,1) F(2,2) G(0,0)
    private static final double[][] POINTS = {{1, 5}, {2, 4}, {3, 3}, {4, 1}, {1, 1}, {2, 2}, {0, 0}};

    @Test
    void fastNonDominatedSortingFindsTheHandComputedFronts() {
        List<int[]> fronts = NonDominatedSorting.fronts(POINTS);
        assertThat(fronts).hasSize(4);
        assertThat(fronts.get(0)).containsExactly(0, 1, 2, 3);
        assertThat(fronts.get(1)).containsExactly(5);
        assertThat(fronts.get(2)).containsExactly(4);
        assertThat(fronts.get(3)).containsExactly(6);
    }

    @Test
    void equalPointsShareAFrontAndNoObjectiveMeansOneFront() {
        List<int[]> fronts = NonDominatedSorting.fronts(new double[][] {{1, 1}, {1, 1}, {0, 2}, {0, 0}});
        assertThat(fronts.get(0)).containsExactly(0, 1, 2);
        assertThat(fronts.get(1)).containsExactly(3);
        assertThat(NonDominatedSorting.fronts(new double[][] {{}, {}, {}}).get(0)).containsExactly(0, 1, 2);
    }

    @Test
    void crowdingDistanceMatchesTheHandComputation() {
        double[] d = CrowdingDistance.of(POINTS, new int[] {0, 1, 2, 3});
        // objective 1: range 3, B += (3-1)/3, C += (4-2)/3; objective 2: range 4, C += (4-1)/4, B += (5-3)/4
        assertThat(d[0]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(d[3]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(d[1]).isCloseTo(2.0 / 3 + 0.5, within(1e-12));
        assertThat(d[2]).isCloseTo(2.0 / 3 + 0.75, within(1e-12));
    }

    @Test
    void smallFrontsAreAllBoundaryAndConstantObjectivesAddNothing() {
        assertThat(CrowdingDistance.of(POINTS, new int[] {4, 5})).containsExactly(
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        double[][] line = {{0, 7}, {1, 7}, {3, 7}};
        double[] d = CrowdingDistance.of(line, new int[] {0, 1, 2});
        assertThat(d[0]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(d[2]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(d[1]).isEqualTo(1.0);
    }

    @Test
    void weightedScoreIsDirectionAwareWithConstantObjectivesAtOneHalf() {
        double[][] values = {{0.75, 100, 3}, {0.25, 200, 3}, {0.5, 50, 3}};
        double[] s = WeightedScore.of(values, new boolean[] {true, false, false}, new double[] {2, 1, 1});
        assertThat(s[0]).isCloseTo(2 * 1.0 + (200 - 100) / 150.0 + 0.5, within(1e-12));
        assertThat(s[1]).isCloseTo(0 + 0 + 0.5, within(1e-12));
        assertThat(s[2]).isCloseTo(2 * 0.5 + 1 + 0.5, within(1e-12));
    }

    @Test
    void orderIsFrontThenScoreThenCrowdingThenId() {
        List<Objective> objectives = List.of(Objective.QUALITY, Objective.COST);
        ObjectiveWeights weights = new ObjectiveWeights(1, 0, 1, 0, 0);
        // a and b are non-dominated; c is dominated by b, d by a; c and d tie at score 1 and crowding +inf
        double[][] values = {{0.75, 100}, {0.5, 50}, {0.25, 50}, {0.75, 200}};
        List<Placement> p = ParetoRanking.rank(List.of("a", "b", "c", "d"), values, objectives, weights);
        assertThat(p).extracting(Placement::id).containsExactly("a", "b", "c", "d");
        assertThat(p).extracting(Placement::front).containsExactly(1, 1, 2, 2);
        assertThat(p).extracting(Placement::rank).containsExactly(1, 2, 3, 4);
        assertThat(p.get(0).score()).isCloseTo(1 + 100 / 150.0, within(1e-12));
        assertThat(p.get(1).score()).isEqualTo(1.5);
        assertThat(p.get(2).score()).isEqualTo(1.0);
        assertThat(p.get(3).score()).isEqualTo(1.0);

        List<Placement> reversed = ParetoRanking.rank(List.of("d", "c", "b", "a"),
                new double[][] {values[3], values[2], values[1], values[0]}, objectives, weights);
        assertThat(reversed).isEqualTo(p);
    }

    @Test
    void higherScoreWinsInsideAFront() {
        List<Objective> objectives = List.of(Objective.QUALITY, Objective.SIZE);
        ObjectiveWeights weights = new ObjectiveWeights(3, 0, 0, 0, 1);
        double[][] values = {{0.5, 10}, {1.0, 40}, {0.75, 20}};
        List<Placement> p = ParetoRanking.rank(List.of("small", "big", "mid"), values, objectives, weights);
        assertThat(p).extracting(Placement::front).containsOnly(1);
        assertThat(p).extracting(Placement::id).containsExactly("big", "mid", "small");
    }
}
