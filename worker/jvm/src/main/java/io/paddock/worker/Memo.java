package io.paddock.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A small least-recently-used memo: a value is computed once per key even when several threads
 * ask at the same time (they wait for the first), and the oldest entries are dropped beyond
 * {@code capacity}. A failed computation is not kept.
 */
final class Memo<K, V> {
    /** Computes a value; may throw. */
    @FunctionalInterface
    interface Loader<V> {
        V load() throws Exception;
    }

    private final Map<K, CompletableFuture<V>> entries;

    Memo(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, CompletableFuture<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    V get(K key, Loader<V> loader) throws Exception {
        CompletableFuture<V> future;
        boolean mine = false;
        synchronized (entries) {
            future = entries.get(key);
            if (future == null) {
                future = new CompletableFuture<>();
                entries.put(key, future);
                mine = true;
            }
        }
        if (mine) {
            try {
                future.complete(loader.load());
            } catch (Exception | Error e) {
                synchronized (entries) {
                    entries.remove(key, future);
                }
                future.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }
}
