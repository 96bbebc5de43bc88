package io.paddock.coordinator.rank;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.evidence.CaseResult;

import java.util.ArrayList;
import java.util.List;

/** A generation shaped like the demo: parent, a trained adapter, quantized forms, a heavy mutation, two invalid. */
final class Demo {
    static final RankingSettings SETTINGS =
            new RankingSettings(2024, 2000, new ObjectiveWeights(1, 0.5, 0.1, 0.1, 0.1), true);

    private Demo() {
    }

    /** The candidates; {@code tps} scales every speed figure (timing only). */
    static List<CandidateOutcome> candidates(double tps) {
        List<CaseResult> allErrored = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            allErrored.add(Cases.failure(Cases.caseId(i)));
        }
        List<CandidateOutcome> out = new ArrayList<>();
        out.add(Cases.candidate("parent-f32", true, Cases.results(40, 20, -4f), 4_000_000, 3_900_000, 100 * tps));
        out.add(new EvaluatedCandidate("lora-add", false, new PackageSize(4_000_000, 52_000), 3_900_000,
                Cases.results(40, 36, -2f), Cases.speeds(Cases.results(40, 36), 95 * tps)));
        out.add(Cases.candidate("parent-q8", false, Cases.results(40, 19, -4.2f), 1_020_000, 1_000_000, 180 * tps));
        out.add(Cases.candidate("parent-q4", false, Cases.results(40, 16, -5f), 560_000, 540_000, 240 * tps));
        out.add(Cases.candidate("mut-dense-heavy", false, Cases.results(40, 0, -12f), 4_000_000, 3_900_000, 100 * tps));
        out.add(new FailedCandidate("bad-adapter", false, ErrorCode.ADAPTER_MISMATCH,
                "tensor count 12 does not match the model's 39"));
        out.add(new EvaluatedCandidate("ctx-overflow", false, new PackageSize(4_000_000, 0), 3_900_000, allErrored,
                List.of()));
        return out;
    }
}
