package io.paddock.vector;

import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.kernel.Kernels;

import java.util.concurrent.locks.LockSupport;

/**
 * Splits the rows of each matrix-vector product into contiguous ranges, one per thread: the
 * caller computes the first range, a small pool of daemon workers owned by this instance the
 * others. Each row is still computed by the wrapped kernels in its own fixed order, so the
 * result is bit-identical to the wrapped kernels on one thread. Small products run on the
 * caller alone. Workers spin briefly between products (decode issues them back to back), then
 * park. One product runs at a time per instance; close it to stop the workers.
 */
public final class ParallelKernels implements Kernels, AutoCloseable {
    /** Products with fewer elements than this run on the caller thread alone. */
    public static final int DEFAULT_MIN_PARALLEL_ELEMENTS = 1 << 15;
    /** How long an idle worker spins before it parks. */
    public static final long DEFAULT_SPIN_NANOS = 2_000_000L;
    /** Upper bound on the thread count (a typo guard, not a tuning knob). */
    public static final int MAX_THREADS = 256;

    private static final int ROW_ALIGNMENT = 4;

    private final Kernels inner;
    private final int threads;
    private final int minParallelElements;
    private final long spinNanos;
    private final Worker[] workers;
    private final int[] bounds;
    private final Object dispatch = new Object();

    // the current job: written by the dispatching caller before the volatile generation write
    private TensorData jobWeights;
    private float[] jobX;
    private float[] jobOut;
    private int jobOutOffset;
    private long lastGeneration;

    private volatile long generation;
    private volatile boolean closed;

    /** {@code threads} threads in all (the caller plus {@code threads - 1} workers), default tuning. */
    public ParallelKernels(Kernels inner, int threads) {
        this(inner, threads, DEFAULT_MIN_PARALLEL_ELEMENTS, DEFAULT_SPIN_NANOS);
    }

    public ParallelKernels(Kernels inner, int threads, int minParallelElements, long spinNanos) {
        if (inner == null) {
            throw new IllegalArgumentException("inner kernels must not be null");
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in 1.." + MAX_THREADS + ": " + threads);
        }
        if (minParallelElements < 0) {
            throw new IllegalArgumentException("minParallelElements must be >= 0: " + minParallelElements);
        }
        if (spinNanos < 0) {
            throw new IllegalArgumentException("spinNanos must be >= 0: " + spinNanos);
        }
        this.inner = inner;
        this.threads = threads;
        this.minParallelElements = minParallelElements;
        this.spinNanos = spinNanos;
        this.bounds = new int[threads + 1];
        this.workers = new Worker[threads - 1];
        String prefix = "paddock-kernels-" + Integer.toHexString(System.identityHashCode(this)) + "-";
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            Thread t = new Thread(workers[i], prefix + (i + 1));
            t.setDaemon(true);
            workers[i].thread = t;
        }
        for (Worker worker : workers) {
            worker.thread.start();
        }
    }

    public int threads() {
        return threads;
    }

    public Kernels inner() {
        return inner;
    }

    @Override
    public void matvec(TensorData w, float[] x, float[] out, int outOffset, int rowStart, int rowEnd) {
        if (closed) {
            throw new IllegalStateException("ParallelKernels " + name() + " is closed");
        }
        int rows = rowEnd - rowStart;
        if (threads == 1 || rows < threads * ROW_ALIGNMENT || (long) rows * w.cols() < minParallelElements) {
            inner.matvec(w, x, out, outOffset, rowStart, rowEnd);
            return;
        }
        synchronized (dispatch) {
            runParallel(w, x, out, outOffset, rowStart, rowEnd);
        }
    }

    private void runParallel(TensorData w, float[] x, float[] out, int outOffset, int rowStart, int rowEnd) {
        int rows = rowEnd - rowStart;
        int per = (rows + threads - 1) / threads;
        per = (per + ROW_ALIGNMENT - 1) / ROW_ALIGNMENT * ROW_ALIGNMENT;
        for (int i = 0; i <= threads; i++) {
            bounds[i] = (int) Math.min((long) rowStart + (long) i * per, rowEnd);
        }
        jobWeights = w;
        jobX = x;
        jobOut = out;
        jobOutOffset = outOffset;
        long g = ++lastGeneration;
        generation = g;                       // publishes the job
        for (Worker worker : workers) {
            if (worker.parked) {
                LockSupport.unpark(worker.thread);
            }
        }
        Throwable failure = null;
        try {
            inner.matvec(w, x, out, outOffset, bounds[0], bounds[1]);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Worker worker : workers) {
            awaitDone(worker, g);
            if (worker.failure != null && failure == null) {
                failure = worker.failure;
            }
            worker.failure = null;
        }
        jobWeights = null;
        jobX = null;
        jobOut = null;
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("kernel worker failed", failure);
        }
    }

    private static void awaitDone(Worker worker, long g) {
        int spins = 0;
        while (worker.done != g) {
            if (++spins < 1 << 16) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    @Override
    public String name() {
        return inner.name() + "x" + threads + "threads";
    }

    /** Stops the workers (idempotent). Later products throw {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        for (Worker worker : workers) {
            LockSupport.unpark(worker.thread);
        }
        for (Worker worker : workers) {
            try {
                worker.thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One pool thread: waits for a new generation, computes its row range, reports done. */
    private final class Worker implements Runnable {
        private final int part;
        Thread thread;
        volatile boolean parked;
        volatile long done;
        Throwable failure;

        Worker(int part) {
            this.part = part;
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long g = awaitGeneration(seen);
                if (g == seen) {
                    return;                    // closed
                }
                int from = bounds[part];
                int to = bounds[part + 1];
                try {
                    if (from < to) {
                        inner.matvec(jobWeights, jobX, jobOut, jobOutOffset, from, to);
                    }
                } catch (Throwable t) {
                    failure = t;
                }
                seen = g;
                done = g;                      // publishes the rows and any failure
            }
        }

        /** The next generation after {@code seen}, or {@code seen} once closed. */
        private long awaitGeneration(long seen) {
            long spinUntil = System.nanoTime() + spinNanos;
            int spins = 0;
            while (true) {
                long g = generation;
                if (g != seen) {
                    return g;
                }
                if (closed) {
                    return seen;
                }
                if (spinUntil != 0) {
                    Thread.onSpinWait();
                    if ((++spins & 0xFF) == 0 && System.nanoTime() - spinUntil > 0) {
                        spinUntil = 0;
                    }
                } else {
                    parked = true;
                    if (generation == seen && !closed) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    if (generation != seen) {
                        spinUntil = System.nanoTime() + spinNanos;
                    }
                }
            }
        }
    }
}
