package io.paddock.coordinator.schedule;

import com.hazelcast.map.EntryProcessor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Entry processor: {@link CandidateWork#cancel}. */
public record CancelCandidate() implements EntryProcessor<String, CandidateWork, ArrayList<LeaseHolder>> {
    private static final long serialVersionUID = 1L;

    @Override
    public ArrayList<LeaseHolder> process(Map.Entry<String, CandidateWork> entry) {
        CandidateWork work = entry.getValue();
        if (work == null) {
            return new ArrayList<>();
        }
        List<LeaseHolder> out = Processors.apply(entry, work.cancel());
        return new ArrayList<>(out);
    }
}
