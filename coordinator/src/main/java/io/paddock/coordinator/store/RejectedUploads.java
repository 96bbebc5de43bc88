package io.paddock.coordinator.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The causes of the most recent rejected uploads by digest, so a generation naming a package
 * that was refused can say why (bounded: the oldest are forgotten). Thread-safe.
 */
final class RejectedUploads {
    private final Map<String, PackageRefusal> causes;

    RejectedUploads(int capacity) {
        this.causes = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PackageRefusal> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void remember(String digest, PackageRefusal refusal) {
        causes.put(digest, refusal);
    }

    synchronized void forget(String digest) {
        causes.remove(digest);
    }

    synchronized PackageRefusal cause(String digest) {
        return causes.get(digest);
    }
}
