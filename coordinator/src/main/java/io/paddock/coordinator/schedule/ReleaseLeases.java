package io.paddock.coordinator.schedule;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/** Entry processor: {@link CandidateWork#release} (leases that could not be delivered). */
public record ReleaseLeases(String workerId, long[] epochs) implements EntryProcessor<String, CandidateWork, Integer> {
    private static final long serialVersionUID = 1L;

    @Override
    public Integer process(Map.Entry<String, CandidateWork> entry) {
        CandidateWork work = entry.getValue();
        if (work == null) {
            return 0;
        }
        return Processors.apply(entry, work.release(workerId, epochs));
    }
}
