package io.paddock.vector.jmh;

import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.kernel.ScalarKernels;
import io.paddock.vector.ParallelKernels;
import io.paddock.vector.VectorKernels;
import io.paddock.vector.bench.KernelBench;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One matrix-vector product per invocation, per kernel setup, dtype and shape. GFLOP/s =
 * 2 × rows × cols / (µs per op × 1000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
public class MatvecBenchmark {

    @Param({"scalar", "vector", "vector-2threads"})
    public String kernels;

    @Param({"f32", "q8_0", "q4_0"})
    public String dtype;

    @Param({"2048x768", "768x288", "32000x288"})
    public String shape;

    private Kernels k;
    private TensorData w;
    private float[] x;
    private float[] out;

    @Setup(Level.Trial)
    public void setUp() {
        String[] rc = shape.split("x");
        int rows = Integer.parseInt(rc[0]);
        int cols = Integer.parseInt(rc[1]);
        w = KernelBench.randomMatrix(DType.fromLabel(dtype), rows, cols, 1);
        x = KernelBench.randomVector(cols, 2);
        out = new float[rows];
        switch (kernels) {
            case "scalar" -> k = new ScalarKernels();
            case "vector" -> k = new VectorKernels();
            case "vector-2threads" -> k = new ParallelKernels(new VectorKernels(), 2);
            default -> throw new IllegalArgumentException("unknown kernels " + kernels);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (k instanceof ParallelKernels p) {
            p.close();
        }
    }

    @Benchmark
    public float[] matvec() {
        k.matvec(w, x, out, 0);
        return out;
    }
}
