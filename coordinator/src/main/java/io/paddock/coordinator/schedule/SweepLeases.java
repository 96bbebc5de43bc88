package io.paddock.coordinator.schedule;

import com.hazelcast.map.EntryProcessor;

import java.util.List;
import java.util.Map;

/** Entry processor: {@link CandidateWork#sweep}. */
public record SweepLeases(long now, int workersOnline) implements EntryProcessor<String, CandidateWork, Sweep> {
    private static final long serialVersionUID = 1L;

    @Override
    public Sweep process(Map.Entry<String, CandidateWork> entry) {
        CandidateWork work = entry.getValue();
        if (work == null) {
            return new Sweep(List.of(), CandidateState.CANCELLED, List.of(), UnitCounts.ZERO);
        }
        return Processors.apply(entry, work.sweep(now, workersOnline));
    }
}
