package io.paddock.coordinator.flow;

import io.paddock.coordinator.hazelcast.FarmMaps;
import io.paddock.coordinator.schedule.CandidateWork;
import io.paddock.coordinator.schedule.GenerationRecord;
import io.paddock.coordinator.schedule.SchedulePolicy;
import io.vertx.core.Context;
import io.vertx.core.Future;

import java.util.HashMap;
import java.util.Map;

/**
 * Stage 3: publishes a plan to the shared maps, the plan and every candidate's work entry
 * first, the generation record last (so whoever sees the generation finds its work). Rejected
 * candidates start out failed.
 */
public final class ScheduleStage {
    private ScheduleStage() {
    }

    /** The work entries of a plan (pure). */
    public static Map<String, CandidateWork> workOf(GenerationPlan plan, SchedulePolicy policy) {
        Map<String, CandidateWork> work = new HashMap<>();
        for (PlannedCandidate c : plan.candidates()) {
            CandidateWork w = c.runnable()
                    ? CandidateWork.start(plan.id(), c.index(), plan.cases().size(), policy)
                    : CandidateWork.failed(plan.id(), c.index(), plan.cases().size(), c.rejection(), policy);
            work.put(w.key(), w);
        }
        return work;
    }

    public static Future<GenerationPlan> schedule(Context context, FarmMaps maps, GenerationPlan plan,
                                                  SchedulePolicy policy) {
        Future<Void> planned = FarmMaps.on(context, maps.plans().setAsync(plan.id(), PlanCodec.write(plan)));
        Future<Void> work = FarmMaps.on(context, maps.work().putAllAsync(workOf(plan, policy)));
        return Future.all(planned, work)
                .compose(v -> FarmMaps.on(context, maps.generations().setAsync(plan.id(),
                        GenerationRecord.start(plan.id(), plan.name(), plan.createdMillis(), plan.candidates().size(),
                                plan.cases().size()))))
                .map(v -> plan);
    }
}
