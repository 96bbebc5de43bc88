package io.paddock.coordinator.results;

import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.paddock.coordinator.hazelcast.FarmMaps;
import io.vertx.core.Context;
import io.vertx.core.Future;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where received results wait for the verify stage. The durable copy is always the result log;
 * this is the copy the ranking coordinator reads. A single coordinator keeps it in memory; a
 * cluster keeps it in a partitioned map so whichever coordinator ranks a generation finds
 * results that arrived anywhere.
 */
public sealed interface PayloadStore permits PayloadStore.Local, PayloadStore.Shared {

    Future<Void> put(Context context, String key, UnitPayload payload);

    /** The payloads under these keys (those that exist). Blocking. */
    Map<String, UnitPayload> getAll(Set<String> keys);

    void remove(String key);

    /** Drops every payload of a generation (after it was ranked). Blocking. */
    void removeGeneration(String generationId);

    static PayloadStore of(FarmMaps maps, boolean clustered) {
        return clustered ? new Shared(maps.payloads()) : new Local(new ConcurrentHashMap<>());
    }

    /** In this coordinator's memory: a single machine. */
    record Local(Map<String, UnitPayload> payloads) implements PayloadStore {
        public Future<Void> put(Context context, String key, UnitPayload payload) {
            payloads.put(key, payload);
            return Future.succeededFuture();
        }

        public Map<String, UnitPayload> getAll(Set<String> keys) {
            Map<String, UnitPayload> out = new java.util.HashMap<>();
            for (String k : keys) {
                UnitPayload p = payloads.get(k);
                if (p != null) {
                    out.put(k, p);
                }
            }
            return out;
        }

        public void remove(String key) {
            payloads.remove(key);
        }

        public void removeGeneration(String generationId) {
            payloads.keySet().removeIf(k -> k.startsWith(generationId + "/"));
        }
    }

    /** In the cluster's partitioned payloads map. */
    record Shared(IMap<String, UnitPayload> payloads) implements PayloadStore {
        public Future<Void> put(Context context, String key, UnitPayload payload) {
            return FarmMaps.on(context, payloads.setAsync(key, payload));
        }

        public Map<String, UnitPayload> getAll(Set<String> keys) {
            return payloads.getAll(keys);
        }

        public void remove(String key) {
            payloads.removeAsync(key);
        }

        public void removeGeneration(String generationId) {
            payloads.removeAll(Predicates.sql("__key like '" + generationId + "/%'"));
        }
    }
}
