package io.paddock.coordinator.schedule;

import com.hazelcast.map.EntryProcessor;
import io.paddock.protocol.wire.WireMessage;

import java.util.Map;

/** Entry processor: {@link CandidateWork#complete}. */
public record CompleteUnit(Report report, int workersOnline) implements EntryProcessor<String, CandidateWork, Completion> {
    private static final long serialVersionUID = 1L;

    @Override
    public Completion process(Map.Entry<String, CandidateWork> entry) {
        CandidateWork work = entry.getValue();
        if (work == null) {
            return Completion.ignored(WireMessage.STALE, CandidateState.CANCELLED);
        }
        return Processors.apply(entry, work.complete(report, workersOnline));
    }
}
