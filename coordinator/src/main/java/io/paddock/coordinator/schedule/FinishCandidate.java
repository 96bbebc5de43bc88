package io.paddock.coordinator.schedule;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Entry processor on a generation: marks one candidate finished. Returns true exactly once per
 * generation: to the caller whose candidate was the last, which then runs verify, rank and report.
 */
public record FinishCandidate(int candidate) implements EntryProcessor<String, GenerationRecord, Boolean> {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean process(Map.Entry<String, GenerationRecord> entry) {
        GenerationRecord g = entry.getValue();
        if (g == null || g.finished().get(candidate)) {
            return false;
        }
        GenerationRecord next = g.withFinished(candidate);
        entry.setValue(next);
        return g.status() == GenerationStatus.RUNNING && next.status() == GenerationStatus.RANKING;
    }
}
