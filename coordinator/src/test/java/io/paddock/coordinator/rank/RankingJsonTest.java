package io.paddock.coordinator.rank;

import io.paddock.protocol.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RankingJsonTest {
    static final RankingSettings SMALL = new RankingSettings(5, 100, new ObjectiveWeights(1, 0, 0, 1, 0.5), true);

    static List<CandidateOutcome> small(double tps) {
        return List.of(
                Cases.candidate("p", true, Cases.results(4, 2), 1000, 900, tps),
                Cases.candidate("q", false, Cases.results(4, 3), 250, 240, 2 * tps),
                new FailedCandidate("z", false, ErrorCode.INVALID_ADAPTER, "ALR1 rank 0 must be in 1..16"));
    }

    @Test
    void deterministicSectionIsByteIdenticalWhateverTheTimings() {
        Ranking slow = Ranker.rank(Demo.candidates(0.01), Demo.SETTINGS);
        Ranking fast = Ranker.rank(Demo.candidates(37.5), Demo.SETTINGS);
        assertThat(RankingJson.deterministicSection(slow)).isEqualTo(RankingJson.deterministicSection(fast));
        assertThat(RankingJson.write(slow)).isNotEqualTo(RankingJson.write(fast));
        String det = new String(RankingJson.deterministicSection(slow), StandardCharsets.UTF_8);
        assertThat(det).doesNotContain("timing").doesNotContain("speedSamples").doesNotContain("wallNanos");
    }

    @Test
    void fullDocumentIsTheDeterministicSectionPlusTimingLast() {
        Ranking r = Ranker.rank(Demo.candidates(1), Demo.SETTINGS);
        String det = new String(RankingJson.deterministicSection(r), StandardCharsets.UTF_8);
        String full = new String(RankingJson.write(r), StandardCharsets.UTF_8);
        String head = det.substring(0, det.length() - "\n}\n".length());
        assertThat(full).startsWith(head + ",\n  \"timing\": {");
    }

    @Test
    void snapshotOfASmallDeterministicSection() {
        Ranking r = Ranker.rank(small(7), SMALL);
        assertThat(new String(RankingJson.deterministicSection(r), StandardCharsets.UTF_8)).isEqualTo(SNAPSHOT);
    }

    @Test
    void readBackGivesTheSameBytes() {
        Ranking r = Ranker.rank(Demo.candidates(1), Demo.SETTINGS);
        byte[] full = RankingJson.write(r);
        assertThat(RankingJson.write(RankingJson.read(full))).isEqualTo(full);
        byte[] det = RankingJson.deterministicSection(r);
        Ranking fromDet = RankingJson.read(det);
        assertThat(RankingJson.deterministicSection(fromDet)).isEqualTo(det);
        assertThat(fromDet.timing().used()).isFalse();
        assertThat(RankingTable.render(RankingJson.read(full))).isEqualTo(RankingTable.render(r));
        assertThat(RankingCsv.write(RankingJson.read(full))).isEqualTo(RankingCsv.write(r));
    }

    @Test
    void malformedDocumentsNameThePath() {
        assertThatThrownBy(() -> RankingJson.read("{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> RankingJson.read("{\"format\":\"other\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("format");
        String det = new String(RankingJson.deterministicSection(Ranker.rank(small(1), SMALL)), StandardCharsets.UTF_8);
        String broken = det.replaceFirst("\"front\": 1", "\"front\": \"one\"");
        assertThatThrownBy(() -> RankingJson.read(broken.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("/candidates/0/front must be an integer");
    }

    static final String SNAPSHOT = """
            {
              "format": "paddock-ranking/1",
              "settings": {
                "generationSeed": 5,
                "resamples": 100,
                "confidence": 0.95,
                "weights": {
                  "quality": 1.000000,
                  "loglik": 0.000000,
                  "cost": 0.000000,
                  "speed": 1.000000,
                  "size": 0.500000
                }
              },
              "objectives": [
                "quality",
                "size"
              ],
              "candidates": [
                {
                  "rank": 1,
                  "id": "q",
                  "front": 1,
                  "score": 1.500000,
                  "crowding": "Infinity",
                  "parent": false,
                  "quality": {
                    "mean": 0.750000,
                    "low": 0.250000,
                    "high": 1.000000
                  },
                  "editSimilarity": 0.875000,
                  "logLikelihood": -1.000000,
                  "costBytesPerToken": 240,
                  "sizeBytes": 250,
                  "modelBytes": 250,
                  "adapterBytes": 0,
                  "cases": {
                    "total": 4,
                    "passed": 3,
                    "failed": 1,
                    "errored": 0
                  },
                  "vsParent": {
                    "verdict": "indistinguishable",
                    "sharedCases": 4,
                    "quality": {
                      "difference": 0.250000,
                      "low": 0.000000,
                      "high": 0.750000
                    },
                    "logLikelihood": {
                      "difference": 0.000000,
                      "low": 0.000000,
                      "high": 0.000000,
                      "verdict": "indistinguishable"
                    }
                  }
                },
                {
                  "rank": 2,
                  "id": "p",
                  "front": 2,
                  "score": 0.000000,
                  "crowding": "Infinity",
                  "parent": true,
                  "quality": {
                    "mean": 0.500000,
                    "low": 0.000000,
                    "high": 1.000000
                  },
                  "editSimilarity": 0.750000,
                  "logLikelihood": -1.000000,
                  "costBytesPerToken": 900,
                  "sizeBytes": 1000,
                  "modelBytes": 1000,
                  "adapterBytes": 0,
                  "cases": {
                    "total": 4,
                    "passed": 2,
                    "failed": 2,
                    "errored": 0
                  },
                  "vsParent": {
                    "verdict": "parent",
                    "sharedCases": 4
                  }
                }
              ],
              "failed": [
                {
                  "id": "z",
                  "parent": false,
                  "code": "InvalidAdapter",
                  "errorCode": 16,
                  "cause": "ALR1 rank 0 must be in 1..16"
                }
              ]
            }
            """;
}
