package io.paddock.coordinator.flow;

import io.paddock.protocol.generation.Objectives;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.Sampling;

import java.util.List;

/**
 * The output of the plan stage: everything the rest of the flow needs to know about a
 * generation, fixed once accepted. Units are cut from {@link #cases} when leased (their size
 * fits the worker), so the plan holds the candidates and the cases, not the units.
 *
 * @param id                 the generation id
 * @param name               its name
 * @param createdMillis      when it was accepted
 * @param sampling           sampling settings
 * @param objectives         objective weights
 * @param rankingSeed        seeds the ranking's bootstraps (the sampling seed: a rerun ranks the same)
 * @param meanTokensPerCase  estimated tokens processed per case (prompt bytes + max new tokens), for unit sizing
 * @param cases              the suite's cases, in order
 * @param candidates         the candidates, in order
 */
public record GenerationPlan(String id, String name, long createdMillis, Sampling sampling, Objectives objectives,
                             long rankingSeed, double meanTokensPerCase, List<EvalCase> cases,
                             List<PlannedCandidate> candidates) {
    public GenerationPlan {
        cases = List.copyOf(cases);
        candidates = List.copyOf(candidates);
    }

    public PlannedCandidate candidate(int index) {
        return candidates.get(index);
    }
}
