package io.paddock.coordinator.flow;

import io.paddock.coordinator.store.PackageInfo;
import io.paddock.protocol.suite.EvalCase;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Stage 2, pure: a validated generation becomes a plan. */
public final class PlanStage {
    private PlanStage() {
    }

    public static GenerationPlan plan(String id, ValidatedGeneration generation, long now) {
        List<PlannedCandidate> candidates = new ArrayList<>(generation.candidates().size());
        for (ValidatedCandidate c : generation.candidates()) {
            List<String> adapters = new ArrayList<>();
            long adapterBytes = 0;
            for (PackageInfo a : c.adapters()) {
                adapters.add(a.digest());
                adapterBytes += a.bytes();
            }
            if (c.rejection() != null || c.model() == null) {
                candidates.add(new PlannedCandidate(c.index(), c.spec().id(), c.spec().parent(),
                        c.model() == null ? "" : c.model().digest(), c.spec().adapters(), 0, 0, 0, c.rejection()));
            } else {
                candidates.add(new PlannedCandidate(c.index(), c.spec().id(), c.spec().parent(), c.model().digest(),
                        adapters, c.model().bytes(), adapterBytes, c.model().costBytesPerToken(), null));
            }
        }
        List<EvalCase> cases = generation.suite().cases();
        return new GenerationPlan(id, generation.spec().name(), now, generation.spec().sampling(),
                generation.spec().objectives(), generation.spec().sampling().seed(), meanTokens(cases), cases,
                candidates);
    }

    /** Prompt bytes (an upper bound on prompt tokens) plus max new tokens, averaged over the cases. */
    static double meanTokens(List<EvalCase> cases) {
        double sum = 0;
        for (EvalCase c : cases) {
            sum += c.prompt().getBytes(StandardCharsets.UTF_8).length + 1 + c.maxNewTokens();
        }
        return sum / cases.size();
    }
}
