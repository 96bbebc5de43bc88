package io.paddock.coordinator.schedule;

import com.hazelcast.map.EntryProcessor;

import java.util.ArrayList;
import java.util.Map;

/** Entry processor: {@link CandidateWork#takeMany(String, boolean, int, boolean, int, long, long, int)}. */
public record TakeWork(String workerId, boolean trusted, int maxCases, boolean guided, int count, long now,
                       long leaseMillis, int workersOnline) implements EntryProcessor<String, CandidateWork, ArrayList<LeaseGrant>> {
    private static final long serialVersionUID = 1L;

    @Override
    public ArrayList<LeaseGrant> process(Map.Entry<String, CandidateWork> entry) {
        CandidateWork work = entry.getValue();
        if (work == null) {
            return new ArrayList<>();
        }
        return new ArrayList<>(Processors.apply(entry,
                work.takeMany(workerId, trusted, maxCases, guided, count, now, leaseMillis, workersOnline)));
    }
}
