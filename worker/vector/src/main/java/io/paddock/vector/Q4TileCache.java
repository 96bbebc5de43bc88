package io.paddock.vector;

import io.paddock.protocol.slm.TensorData;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tiled copies ({@link Q4Tiles}) of q4_0 matrices, one per matrix however many
 * {@link VectorKernels} share this cache (a JVM worker gives all its slots one). A copy lives as long
 * as its matrix is reachable: keys are weak and compared by identity, and the copies of collected
 * matrices are dropped at the next {@link #expunge()} (every product calls it). Thread-safe; hits take
 * no lock.
 */
public final class Q4TileCache {
    private final ConcurrentHashMap<Key, Q4Tiles> tiles = new ConcurrentHashMap<>();
    private final ReferenceQueue<TensorData.Q4> collected = new ReferenceQueue<>();

    /** The tiled copy of {@code w}, made on first use; {@code w} must pass {@link Q4Tiles#supports}. */
    Q4Tiles of(TensorData.Q4 w) {
        Q4Tiles t = tiles.get(new Key(w, null));
        return t != null ? t : tiles.computeIfAbsent(new Key(w, collected), k -> Q4Tiles.of(w));
    }

    /** True if a tiled copy of {@code w} is held. */
    boolean holds(TensorData.Q4 w) {
        return tiles.containsKey(new Key(w, null));
    }

    /** Matrices with a tiled copy held. */
    int size() {
        expunge();
        return tiles.size();
    }

    /** Drops the copies of matrices that have been collected (cheap when there are none). */
    void expunge() {
        for (Object k; (k = collected.poll()) != null; ) {
            tiles.remove(k);
        }
    }

    /** A weak, identity-compared key; a probe key (no queue) finds the registered one. */
    private static final class Key extends WeakReference<TensorData.Q4> {
        private final int hash;

        Key(TensorData.Q4 w, ReferenceQueue<TensorData.Q4> queue) {
            super(w, queue);
            this.hash = System.identityHashCode(w);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof Key k)) {
                return false;
            }
            TensorData.Q4 w = get();
            return w != null && w == k.get();
        }
    }
}
