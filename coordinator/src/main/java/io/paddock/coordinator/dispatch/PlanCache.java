package io.paddock.coordinator.dispatch;

import io.paddock.coordinator.flow.GenerationPlan;
import io.paddock.protocol.suite.EvalCase;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Plans this coordinator works with, with each suite's case index by id. Event-loop confined. */
public final class PlanCache {
    private record Entry(GenerationPlan plan, Map<String, Integer> caseIndex) {
    }

    private final Map<String, Entry> plans = new HashMap<>();

    public void put(GenerationPlan plan) {
        Map<String, Integer> index = new HashMap<>();
        List<EvalCase> cases = plan.cases();
        for (int i = 0; i < cases.size(); i++) {
            index.put(cases.get(i).id(), i);
        }
        plans.put(plan.id(), new Entry(plan, index));
    }

    public GenerationPlan get(String generationId) {
        Entry e = plans.get(generationId);
        return e == null ? null : e.plan();
    }

    /** The index of case {@code caseId} in the generation's suite, or -1. */
    public int caseIndex(String generationId, String caseId) {
        Entry e = plans.get(generationId);
        Integer i = e == null ? null : e.caseIndex().get(caseId);
        return i == null ? -1 : i;
    }

    public void remove(String generationId) {
        plans.remove(generationId);
    }
}
