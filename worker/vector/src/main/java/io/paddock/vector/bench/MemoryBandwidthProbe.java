package io.paddock.vector.bench;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures streaming read bandwidth from main memory: threads each read a contiguous part of
 * an array far larger than the caches (256 MB by default) and fold it into a checksum that is
 * kept, so the JIT cannot drop the reads. Best of several passes (the figure a decode loop can
 * hope for; noise only ever slows a pass down).
 */
public final class MemoryBandwidthProbe {
    public static final int DEFAULT_MEGABYTES = 256;
    public static final int DEFAULT_PASSES = 5;

    private final int megabytes;
    private final int passes;
    private long[] data;
    private long sink;

    public MemoryBandwidthProbe() {
        this(DEFAULT_MEGABYTES, DEFAULT_PASSES);
    }

    public MemoryBandwidthProbe(int megabytes, int passes) {
        if (megabytes < 1 || megabytes > 16_384) {
            throw new IllegalArgumentException("megabytes must be in 1..16384: " + megabytes);
        }
        if (passes < 1) {
            throw new IllegalArgumentException("passes must be >= 1: " + passes);
        }
        this.megabytes = megabytes;
        this.passes = passes;
    }

    /** Best-of-passes read bandwidth with {@code threads} threads (the array is allocated on first use). */
    public BandwidthResult measure(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be in 1..256: " + threads);
        }
        long[] a = data();
        long best = Long.MAX_VALUE;
        for (int p = 0; p < passes + 1; p++) {           // the first pass warms up the JIT
            long nanos = threads == 1 ? timeOneThread(a) : timeThreads(a, threads);
            if (p > 0) {
                best = Math.min(best, nanos);
            }
        }
        long bytes = 8L * a.length;
        return new BandwidthResult(threads, bytes, passes, best, bytes * 1e9 / best);
    }

    /** The folded checksum of everything read so far (proof the reads happened). */
    public long checksum() {
        return sink;
    }

    private long[] data() {
        if (data == null) {
            long[] a = new long[(int) ((long) megabytes * 1024 * 1024 / 8)];
            long s = 0x9E3779B97F4A7C15L;
            for (int i = 0; i < a.length; i++) {
                s ^= s << 13;
                s ^= s >>> 7;
                s ^= s << 17;
                a[i] = s;                                  // touches every page with non-zero data
            }
            data = a;
        }
        return data;
    }

    private long timeOneThread(long[] a) {
        long t0 = System.nanoTime();
        long sum = fold(a, 0, a.length);
        long nanos = System.nanoTime() - t0;
        sink += sum;
        return nanos;
    }

    /** Wall time from the first thread's start to the last thread's end (each thread times itself). */
    private long timeThreads(long[] a, int threads) {
        CyclicBarrier start = new CyclicBarrier(threads);
        long[] sums = new long[threads];
        long[] begins = new long[threads];
        long[] ends = new long[threads];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] pool = new Thread[threads];
        long per = (a.length + threads - 1L) / threads;
        for (int t = 0; t < threads; t++) {
            int id = t;
            int from = (int) Math.min((long) t * per, a.length);
            int to = (int) Math.min((long) (t + 1) * per, a.length);
            pool[t] = new Thread(() -> {
                try {
                    sums[id] = fold(a, from, Math.min(to, from + 4096));   // warm this thread's code path
                    start.await();
                    begins[id] = System.nanoTime();
                    sums[id] += fold(a, from, to);
                    ends[id] = System.nanoTime();
                } catch (InterruptedException | BrokenBarrierException e) {
                    failure.compareAndSet(null, e);
                }
            }, "paddock-bandwidth-probe-" + t);
            pool[t].setDaemon(true);
            pool[t].start();
        }
        try {
            for (Thread t : pool) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bandwidth probe interrupted", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("bandwidth probe thread failed", failure.get());
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int t = 0; t < threads; t++) {
            sink += sums[t];
            first = Math.min(first, begins[t]);
            last = Math.max(last, ends[t]);
        }
        return Math.max(1, last - first);
    }

    /** Sum with four independent accumulators (C2 vectorizes the loop; the result is used). */
    private static long fold(long[] a, int from, int to) {
        long s0 = 0;
        long s1 = 0;
        long s2 = 0;
        long s3 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < to; i++) {
            s0 += a[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
