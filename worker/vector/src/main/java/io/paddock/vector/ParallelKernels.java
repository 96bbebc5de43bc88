package io.paddock.vector;

import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.kernel.Kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Splits the rows of each matrix-vector product (or of several products of one input, as one
 * job), or a set of independent tasks (attention heads), into chunks that the caller and a small pool of daemon workers owned by this
 * instance claim one at a time. Each row is still
 * computed whole by the wrapped kernels in its own fixed order, so the result is bit-identical
 * to the wrapped kernels on one thread. Because chunks are claimed, not assigned, a worker that
 * the OS has descheduled never stalls a product: the caller takes its chunks. Small products run
 * on the caller alone. Idle workers spin briefly (decode issues products back to back), then
 * park. One product runs at a time per instance; {@link #close()} stops the workers.
 */
public final class ParallelKernels implements Kernels, AutoCloseable {
    /** Products with fewer elements than this run on the caller thread alone. */
    public static final int DEFAULT_MIN_PARALLEL_ELEMENTS = 1 << 15;
    /** How long an idle worker spins before it parks. */
    public static final long DEFAULT_SPIN_NANOS = 1_000_000L;
    /** Upper bound on the thread count (a typo guard, not a tuning knob). */
    public static final int MAX_THREADS = 256;

    /** Chunks per thread: enough to rebalance when one thread is slowed down. */
    private static final int CHUNKS_PER_THREAD = 2;
    private static final int ROW_ALIGNMENT = Q4Tiles.TILE_ROWS;

    private final Kernels inner;
    private final int threads;
    private final int minParallelElements;
    private final long spinNanos;
    private final Worker[] workers;
    private final Object dispatch = new Object();

    private volatile Job current;
    private volatile boolean closed;

    /** {@code threads} threads in all (the caller plus {@code threads - 1} workers), default tuning. */
    public ParallelKernels(Kernels inner, int threads) {
        this(inner, threads, DEFAULT_MIN_PARALLEL_ELEMENTS, DEFAULT_SPIN_NANOS);
    }

    /**
     * @param minParallelElements products with fewer weights ({@code rows × cols}) run on the caller alone
     * @param spinNanos           how long an idle worker spins before parking
     */
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
        this.workers = new Worker[threads - 1];
        String prefix = "paddock-kernels-" + Integer.toHexString(System.identityHashCode(this)) + "-";
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker();
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
        checkOpen();
        TensorData.requireDecoded(w, "the parallel kernels");   // before any thread runs
        if (rowStart < 0 || rowEnd < rowStart || rowEnd > w.rows()) {
            throw new IllegalArgumentException("rows [" + rowStart + ", " + rowEnd + ") are not within the "
                    + w.rows() + " rows of the matrix");
        }
        int rows = rowEnd - rowStart;
        if (threads == 1 || rows < 2 * ROW_ALIGNMENT || (long) rows * w.cols() < minParallelElements) {
            inner.matvec(w, x, out, outOffset, rowStart, rowEnd);
            return;
        }
        run(Job.products(inner, new TensorData[] {w}, x, new float[][] {out}, outOffset, new int[] {rowStart},
                new int[] {rowEnd}, threads * CHUNKS_PER_THREAD));
    }

    /** The products as one job: one dispatch, chunks of every matrix claimed from one counter. */
    @Override
    public void matvecs(TensorData[] w, float[] x, float[][] out) {
        checkOpen();
        if (w.length != out.length) {
            throw new IllegalArgumentException("matvecs needs one output per matrix: " + w.length + " != " + out.length);
        }
        long elements = 0;
        for (TensorData t : w) {
            TensorData.requireDecoded(t, "the parallel kernels");
            elements += (long) t.rows() * t.cols();
        }
        if (threads == 1 || elements < minParallelElements) {
            inner.matvecs(w, x, out);
            return;
        }
        int[] starts = new int[w.length];
        int[] ends = new int[w.length];
        for (int i = 0; i < w.length; i++) {
            ends[i] = w[i].rows();
        }
        run(Job.products(inner, w, x, out, 0, starts, ends, threads * CHUNKS_PER_THREAD));
    }

    /**
     * The tasks claimed one at a time by the caller and the workers, when there is enough work to
     * share. A task that calls this instance again (a product, another {@code forEach}) has that
     * call run on its own thread: one job runs at a time.
     */
    @Override
    public void forEach(int n, long workEach, IntConsumer task) {
        checkOpen();
        if (threads == 1 || n < 2 || (long) n * workEach < minParallelElements) {
            inner.forEach(n, workEach, task);
            return;
        }
        run(new Job(task, n));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("ParallelKernels " + name() + " is closed");
        }
    }

    private void run(Job job) {
        if (Thread.holdsLock(dispatch) || onPoolThread()) {
            job.work();                                // called from inside a job: no second dispatch
            if (job.failure != null) {
                rethrow(job.failure);
            }
            return;
        }
        synchronized (dispatch) {
            current = job;                            // publishes the job
            for (Worker worker : workers) {
                if (worker.parked) {
                    LockSupport.unpark(worker.thread);
                }
            }
            job.work();
            job.awaitDone();
            if (job.failure != null) {
                rethrow(job.failure);
            }
        }
    }

    private boolean onPoolThread() {
        Thread me = Thread.currentThread();
        for (Worker worker : workers) {
            if (worker.thread == me) {
                return true;
            }
        }
        return false;
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException("kernel worker failed", t);
    }

    /** One head's scores, with the inner kernels (heads are spread over the threads by {@link #forEach}). */
    @Override
    public void dots(float[] q, int qOff, float[] rows, int rowOff, int stride, int count, int n,
                     float[] out, int outOff) {
        inner.dots(q, qOff, rows, rowOff, stride, count, n, out, outOff);
    }

    @Override
    public void weightedSum(float[] w, int wOff, int n, float[] v, int stride, int vOff, int width,
                            float[] out, int outOff) {
        inner.weightedSum(w, wOff, n, v, stride, vOff, width, out, outOff);
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

    /**
     * One job: chunks claimed one at a time from one counter, and the completion counter. A
     * product job's chunks are row ranges of one or more products of the same input: whole
     * multiples of {@link #ROW_ALIGNMENT} rows (but the last of a matrix), each matrix cut in
     * proportion to its share of the weights.
     */
    private static final class Job {
        final IntConsumer chunk;
        final int chunks;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Job(IntConsumer chunk, int chunks) {
            this.chunk = chunk;
            this.chunks = chunks;
        }

        /** Rows {@code [starts[i], ends[i])} of each product {@code i}, cut into about {@code target} chunks. */
        static Job products(Kernels inner, TensorData[] w, float[] x, float[][] out, int outOffset, int[] starts,
                            int[] ends, int target) {
            long total = 0;
            for (int i = 0; i < w.length; i++) {
                total += (long) (ends[i] - starts[i]) * w[i].cols();
            }
            int[] matrix = new int[target + w.length];
            int[] from = new int[target + w.length];
            int[] to = new int[target + w.length];
            int n = 0;
            for (int i = 0; i < w.length; i++) {
                int start = starts[i];
                int end = ends[i];
                int rows = end - start;
                long share = (long) rows * w[i].cols() * target / Math.max(1, total);
                int pieces = (int) Math.max(1, Math.min(share, rows / ROW_ALIGNMENT));
                int per = (rows + pieces - 1) / pieces;
                per = (per + ROW_ALIGNMENT - 1) / ROW_ALIGNMENT * ROW_ALIGNMENT;
                for (int r = start; r < end; r += per) {
                    matrix[n] = i;
                    from[n] = r;
                    to[n] = (int) Math.min((long) r + per, end);
                    n++;
                }
            }
            return new Job(c -> inner.matvec(w[matrix[c]], x, out[matrix[c]], outOffset, from[c], to[c]), n);
        }

        /** Claims and runs chunks until none is left. */
        void work() {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                try {
                    chunk.accept(c);
                } catch (Throwable t) {
                    failure = t;
                }
                done.incrementAndGet();               // publishes the chunk's writes
            }
        }

        /** Waits for chunks other threads claimed: spins, then yields the CPU to them. */
        void awaitDone() {
            int spins = 0;
            while (done.get() < chunks) {
                if (++spins < 1 << 12) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }
    }

    /** One pool thread: waits for a new job, claims chunks of it, waits again. */
    private final class Worker implements Runnable {
        Thread thread;
        volatile boolean parked;

        @Override
        public void run() {
            Job seen = null;
            while (true) {
                Job job = awaitJob(seen);
                if (job == null) {
                    return;                            // closed
                }
                job.work();
                seen = job;
            }
        }

        /** The next job after {@code seen}, or null once closed. */
        private Job awaitJob(Job seen) {
            long spinUntil = System.nanoTime() + spinNanos;
            int spins = 0;
            while (true) {
                Job job = current;
                if (job != seen) {
                    return job;
                }
                if (closed) {
                    return null;
                }
                if (spinUntil != 0) {
                    Thread.onSpinWait();
                    if ((++spins & 0x3FF) == 0) {
                        if (System.nanoTime() - spinUntil > 0) {
                            spinUntil = 0;
                        } else {
                            Thread.yield();            // let a descheduled caller run on a busy machine
                        }
                    }
                } else {
                    parked = true;
                    if (current == seen && !closed) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    spinUntil = System.nanoTime() + spinNanos;
                }
            }
        }
    }
}
