package io.paddock.vector.bench;

import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.Quantizer;
import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.kernel.Kernels;

import java.util.Arrays;

/**
 * Measures matrix-vector throughput per kernel, dtype and shape: a timed warm-up first (the JIT
 * compiles the kernel), then {@code repetitions} timed batches of products, each long enough to
 * be measured reliably; the result is the median time per product. Every product's output is
 * folded into a checksum so the JIT cannot drop the work.
 */
public final class KernelBench {
    private final long warmupNanos;
    private final int repetitions;
    private final long batchNanos;
    private double sink;

    /** Warm-up 1 s, 11 repetitions of about 20 ms each. */
    public KernelBench() {
        this(1_000_000_000L, 11, 20_000_000L);
    }

    public KernelBench(long warmupNanos, int repetitions, long batchNanos) {
        if (warmupNanos < 0 || repetitions < 1 || batchNanos < 1) {
            throw new IllegalArgumentException("warm-up must be >= 0, repetitions >= 1 and batch time >= 1 ns: "
                    + warmupNanos + ", " + repetitions + ", " + batchNanos);
        }
        this.warmupNanos = warmupNanos;
        this.repetitions = repetitions;
        this.batchNanos = batchNanos;
    }

    /** A seeded random matrix: f32 uniform in ±0.05, quantized with the C4 quantizer (q4_0 block 32). */
    public static TensorData randomMatrix(DType dtype, int rows, int cols, long seed) {
        XorShift64 rng = new XorShift64(seed);
        float[] v = new float[Math.multiplyExact(rows, cols)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (2f * rng.nextFloat() - 1f) * 0.05f;
        }
        return Quantizer.convert(new TensorData.F32(rows, cols, v), dtype, 32);
    }

    /** A seeded input vector uniform in ±1. */
    public static float[] randomVector(int n, long seed) {
        XorShift64 rng = new XorShift64(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2f * rng.nextFloat() - 1f;
        }
        return x;
    }

    /** Throughput of {@code kernels} on {@code w} (all rows) with a seeded input. */
    public KernelBenchResult measure(Kernels kernels, TensorData w) {
        float[] x = randomVector(w.cols(), 7);
        float[] out = new float[w.rows()];
        long start = System.nanoTime();
        long calls = 0;
        do {
            kernels.matvec(w, x, out, 0);
            calls++;
        } while (System.nanoTime() - start < warmupNanos || calls < 3);
        long one = Math.max(1, (System.nanoTime() - start) / calls);
        long perBatch = Math.max(1, batchNanos / one);
        long[] times = new long[repetitions];
        for (int rep = 0; rep < repetitions; rep++) {
            long t0 = System.nanoTime();
            for (long i = 0; i < perBatch; i++) {
                kernels.matvec(w, x, out, 0);
            }
            times[rep] = (System.nanoTime() - t0) / perBatch;
            sink += out[rep % out.length];
        }
        Arrays.sort(times);
        long median = Math.max(1, times[repetitions / 2]);
        double flops = 2.0 * w.rows() * w.cols();
        return new KernelBenchResult(kernels.name(), w.dtype().label(), w.rows(), w.cols(), median,
                flops / median, WeightBytes.of(w) * 1e9 / median);
    }

    /** The folded outputs (proof the products ran). */
    public double checksum() {
        return sink;
    }
}
