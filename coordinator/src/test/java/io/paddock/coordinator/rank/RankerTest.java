package io.paddock.coordinator.rank;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.evidence.CaseResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RankerTest {

    @Test
    void demoGenerationRanksWithVerdictsAndInvalidCandidatesBelow() {
        Ranking r = Ranker.rank(Demo.candidates(1), Demo.SETTINGS);
        assertThat(r.objectives()).containsExactly(Objective.QUALITY, Objective.LOG_LIKELIHOOD, Objective.COST,
                Objective.SIZE);
        assertThat(r.ranked()).extracting(RankedCandidate::id)
                .containsExactlyInAnyOrder("parent-f32", "lora-add", "parent-q8", "parent-q4", "mut-dense-heavy");
        assertThat(r.candidate("lora-add").orElseThrow().vsParent().verdict()).isEqualTo(Verdict.BETTER);
        assertThat(r.candidate("mut-dense-heavy").orElseThrow().vsParent().verdict()).isEqualTo(Verdict.WORSE);
        assertThat(r.candidate("parent-f32").orElseThrow().vsParent().verdict()).isEqualTo(Verdict.PARENT);
        assertThat(r.candidate("parent-q8").orElseThrow().vsParent().verdict()).isEqualTo(Verdict.INDISTINGUISHABLE);
        RankedCandidate heavy = r.candidate("mut-dense-heavy").orElseThrow();
        RankedCandidate parent = r.parent().orElseThrow();
        assertThat(heavy.placement().rank()).isGreaterThan(parent.placement().rank());
        assertThat(heavy.placement().front()).isGreaterThan(1);

        assertThat(r.failed()).extracting(FailedCandidate::id).containsExactly("bad-adapter", "ctx-overflow");
        assertThat(r.failed().get(0).code()).isEqualTo(ErrorCode.ADAPTER_MISMATCH);
        assertThat(r.failed().get(1).code()).isEqualTo(ErrorCode.CONTEXT_EXCEEDED);
        assertThat(r.failed().get(1).cause()).startsWith("every case failed (40 of 40); first: case 'c00': prompt");
        assertThat(r.timing().figures()).extracting(TimingFigures::id)
                .containsExactlyElementsOf(r.ranked().stream().map(RankedCandidate::id).toList());
    }

    @Test
    void failedCandidatesNeverEnterTheFronts() {
        List<CandidateOutcome> only = List.of(
                new FailedCandidate("a", true, ErrorCode.INVALID_MODEL_MAGIC, "bad magic"),
                Cases.candidate("b", false, Cases.results(10, 5), 100, 10, 1));
        Ranking r = Ranker.rank(only, Demo.SETTINGS);
        assertThat(r.ranked()).extracting(RankedCandidate::id).containsExactly("b");
        assertThat(r.ranked().get(0).vsParent().verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(r.failed()).extracting(FailedCandidate::cause).containsExactly("bad magic");
    }

    @Test
    void noParentMeansNotApplicable() {
        Ranking r = Ranker.rank(List.of(
                Cases.candidate("a", false, Cases.results(10, 5), 100, 10, 1),
                Cases.candidate("b", false, Cases.results(10, 9), 100, 10, 1)), Demo.SETTINGS);
        assertThat(r.ranked()).extracting(c -> c.vsParent().verdict()).containsOnly(Verdict.NOT_APPLICABLE);
        assertThat(r.ranked().get(0).id()).isEqualTo("b");
    }

    @Test
    void pairedComparisonUsesOnlyCasesBothRan() {
        List<CaseResult> parent = new ArrayList<>(Cases.results(6, 3));
        parent.set(0, Cases.failure("c00"));
        List<CaseResult> child = new ArrayList<>(Cases.results(6, 6));
        child.set(5, Cases.failure("c05"));
        Ranking r = Ranker.rank(List.of(
                Cases.candidate("p", true, parent, 100, 10, 1),
                Cases.candidate("c", false, child, 100, 10, 1)), Demo.SETTINGS);
        PairedComparison v = r.candidate("c").orElseThrow().vsParent();
        assertThat(v.sharedCases()).isEqualTo(4);
        assertThat(v.qualityDifference()).isEqualTo(0.5);
        assertThat(r.candidate("p").orElseThrow().vsParent().sharedCases()).isEqualTo(5);
    }

    @Test
    void inputOrderDoesNotMatter() {
        List<CandidateOutcome> shuffled = new ArrayList<>(Demo.candidates(1));
        Collections.reverse(shuffled);
        assertThat(RankingJson.write(Ranker.rank(shuffled, Demo.SETTINGS)))
                .isEqualTo(RankingJson.write(Ranker.rank(Demo.candidates(1), Demo.SETTINGS)));
    }

    @Test
    void timingRankingOnlyWhenAskedAndSpeedCanReorderIt() {
        RankingSettings off = new RankingSettings(1, 200, new ObjectiveWeights(1, 0, 0, 5, 0), false);
        RankingSettings on = new RankingSettings(1, 200, new ObjectiveWeights(1, 0, 0, 5, 0), true);
        List<CandidateOutcome> c = List.of(
                Cases.candidate("accurate", false, Cases.results(10, 9), 100, 10, 10),
                Cases.candidate("fast", false, Cases.results(10, 8), 100, 10, 1000));
        Ranking r1 = Ranker.rank(c, off);
        assertThat(r1.timing().used()).isFalse();
        assertThat(r1.timing().ranking()).isEmpty();
        assertThat(r1.ranked().get(0).id()).isEqualTo("accurate");
        Ranking r2 = Ranker.rank(c, on);
        assertThat(r2.ranked().get(0).id()).isEqualTo("accurate");
        assertThat(r2.timing().objectives()).containsExactly(Objective.QUALITY, Objective.SPEED);
        assertThat(r2.timing().ranking().get(0).id()).isEqualTo("fast");
        assertThat(RankingJson.deterministicSection(r1)).isEqualTo(RankingJson.deterministicSection(r2));
    }

    @Test
    void nonFiniteEvidenceMakesTheCandidateInvalid() {
        List<CaseResult> results = new ArrayList<>(Cases.results(4, 2));
        results.set(2, Cases.evidence("c02", false, 0.5f, Float.NEGATIVE_INFINITY, 2));
        Ranking r = Ranker.rank(List.of(Cases.candidate("x", false, results, 10, 1, 1)), Demo.SETTINGS);
        assertThat(r.ranked()).isEmpty();
        assertThat(r.failed().get(0).code()).isEqualTo(ErrorCode.NON_FINITE_VALUE);
        assertThat(r.failed().get(0).cause()).contains("c02").contains("not finite");
    }

    @Test
    void duplicateIdsAndTwoParentsAreRejected() {
        EvaluatedCandidate a = Cases.candidate("a", true, Cases.results(2, 1), 1, 1, 1);
        assertThatThrownBy(() -> Ranker.rank(List.of(a, a), Demo.SETTINGS)).hasMessageContaining("duplicate");
        EvaluatedCandidate b = Cases.candidate("b", true, Cases.results(2, 1), 1, 1, 1);
        assertThatThrownBy(() -> Ranker.rank(List.of(a, b), Demo.SETTINGS)).hasMessageContaining("two parents");
    }

    @Test
    void emptyGenerationGivesAnEmptyRanking() {
        Ranking r = Ranker.rank(List.of(), Demo.SETTINGS);
        assertThat(r.ranked()).isEmpty();
        assertThat(r.failed()).isEmpty();
    }
}
