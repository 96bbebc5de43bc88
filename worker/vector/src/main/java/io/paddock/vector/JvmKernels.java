package io.paddock.vector;

import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.kernel.ScalarKernels;

/** Picks the fastest kernels available on this JVM; every choice gives bit-identical results. */
public final class JvmKernels {
    private JvmKernels() {
    }

    /**
     * Vector API kernels if {@code simd} is requested and {@link VectorKernels#isAvailable()},
     * otherwise the scalar reference; wrapped in {@link ParallelKernels} when {@code threads > 1}
     * (close the result if it is {@link AutoCloseable} to stop its threads).
     */
    public static Kernels create(boolean simd, int threads) {
        return create(simd, threads, new Q4TileCache());
    }

    /**
     * As {@link #create(boolean, int)}, with Vector API kernels keeping their tiled q4_0 copies in
     * {@code tiles}: kernels made for several slots of one worker share one copy per matrix.
     */
    public static Kernels create(boolean simd, int threads, Q4TileCache tiles) {
        if (threads < 1 || threads > ParallelKernels.MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in 1.." + ParallelKernels.MAX_THREADS + ": " + threads);
        }
        Kernels base = simd && VectorKernels.isAvailable() ? new VectorKernels(tiles) : new ScalarKernels();
        return threads == 1 ? base : new ParallelKernels(base, threads);
    }
}
