package io.paddock.coordinator.rank;

import io.paddock.protocol.evidence.CaseResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FitnessCalculatorTest {
    private static final RankingSettings SETTINGS =
            new RankingSettings(11, 500, new ObjectiveWeights(1, 0, 0, 0, 0), true);

    @Test
    void figuresOfMixedEvidence() {
        List<CaseResult> results = List.of(
                Cases.evidence("a", true, 1f, -2f, 4),
                Cases.evidence("b", false, 0.5f, -6f, 4),
                Cases.failure("c"),
                Cases.evidence("d", true, 1f, -4f, 8));
        EvaluatedCandidate c = new EvaluatedCandidate("x", false, new PackageSize(1000, 24), 512, results, List.of());
        FitnessVector f = FitnessCalculator.fitness(c, SETTINGS);
        assertThat(f.quality()).isEqualTo(0.5);
        assertThat(f.editSimilarity()).isEqualTo(2.5 / 4);
        assertThat(f.logLikelihood()).isEqualTo(-12.0 / 16);
        assertThat(f.casesPassed()).isEqualTo(2);
        assertThat(f.casesFailed()).isEqualTo(1);
        assertThat(f.casesErrored()).isEqualTo(1);
        assertThat(f.casesTotal()).isEqualTo(4);
        assertThat(f.costBytesPerToken()).isEqualTo(512);
        assertThat(f.size().total()).isEqualTo(1024);
        assertThat(f.qualityInterval().low()).isLessThanOrEqualTo(0.5);
        assertThat(f.qualityInterval().high()).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void speedIsTheMedianOfCalibratedSpeedsOverCasesThatDecoded() {
        List<CaseResult> results = Cases.results(4, 2);
        List<CaseSpeed> speeds = List.of(
                new CaseSpeed("c00", 100, 2.0, 10),   // 50
                new CaseSpeed("c01", 300, 1.0, 20),   // 300
                new CaseSpeed("c02", 80, 0.5, 30),    // 160
                new CaseSpeed("c03", 0, 1.0, 40));    // nothing decoded: not a sample
        EvaluatedCandidate c = new EvaluatedCandidate("x", false, new PackageSize(1, 0), 0, results, speeds);
        TimingFigures t = FitnessCalculator.timing(c);
        assertThat(t.speed()).isEqualTo(160);
        assertThat(t.speedSamples()).isEqualTo(3);
        assertThat(t.wallNanos()).isEqualTo(100);
    }

    @Test
    void invalidInputsAreRejectedNotClamped() {
        assertThatThrownBy(() -> new CaseSpeed("a", 10, 0, 1)).hasMessageContaining("calibrationFactor");
        assertThatThrownBy(() -> new CaseSpeed("a", Double.NaN, 1, 1)).hasMessageContaining("tokensPerSecond");
        assertThatThrownBy(() -> new EvaluatedCandidate("x", false, new PackageSize(1, 0), 0, List.of(), List.of()))
                .hasMessageContaining("no case results");
        assertThatThrownBy(() -> new EvaluatedCandidate("x", false, new PackageSize(1, 0), 0,
                List.of(Cases.failure("a"), Cases.failure("a")), List.of())).hasMessageContaining("two results");
        assertThatThrownBy(() -> new ObjectiveWeights(1, -1, 0, 0, 0)).hasMessageContaining("loglik");
        assertThatThrownBy(() -> new RankingSettings(1, 0, new ObjectiveWeights(1, 0, 0, 0, 0), false))
                .hasMessageContaining("resamples");
    }

    @Test
    void weightsFromAMap() {
        ObjectiveWeights w = ObjectiveWeights.fromMap(java.util.Map.of("quality", 1.0, "size", 0.25));
        assertThat(w).isEqualTo(new ObjectiveWeights(1, 0, 0, 0, 0.25));
        assertThat(w.active(true)).containsExactly(Objective.QUALITY, Objective.SIZE);
        assertThatThrownBy(() -> ObjectiveWeights.fromMap(java.util.Map.of("latency", 1.0)))
                .hasMessageContaining("latency");
    }
}
