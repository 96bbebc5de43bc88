package io.paddock.protocol.adapter;

import java.util.List;

/** An adapter package (C7): its family, binding, scale, and records in ascending name hash. */
public record Adapter(AdapterKind kind, AdapterBinding binding, float scale, List<DeltaRecord> records) {
    public Adapter {
        records = List.copyOf(records);
    }
}
