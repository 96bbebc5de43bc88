package io.paddock.coordinator.schedule;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Entry processor on a generation: moves it from {@code from} to {@code to} (a compare-and-set
 * on the status); returns whether it moved.
 */
public record ChangeStatus(GenerationStatus from, GenerationStatus to, String message, long now)
        implements EntryProcessor<String, GenerationRecord, Boolean> {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean process(Map.Entry<String, GenerationRecord> entry) {
        GenerationRecord g = entry.getValue();
        if (g == null || g.status() != from) {
            return false;
        }
        entry.setValue(g.withStatus(to, message, now));
        return true;
    }
}
