package io.paddock.coordinator.schedule;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/** Entry processor: {@link CandidateWork#extend} (a heartbeat). */
public record ExtendLeases(String workerId, long[] epochs, long deadline) implements EntryProcessor<String, CandidateWork, Integer> {
    private static final long serialVersionUID = 1L;

    @Override
    public Integer process(Map.Entry<String, CandidateWork> entry) {
        CandidateWork work = entry.getValue();
        if (work == null) {
            return 0;
        }
        return Processors.apply(entry, work.extend(workerId, epochs, deadline));
    }
}
