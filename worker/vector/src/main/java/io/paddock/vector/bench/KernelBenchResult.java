package io.paddock.vector.bench;

/**
 * Matrix-vector throughput of one kernel on one matrix: the median time of one product over
 * the repetitions, as GFLOP/s (2 flops per weight) and as weight bytes (payload and scales)
 * read per second.
 */
public record KernelBenchResult(String kernel, String dtype, int rows, int cols, long medianNanos,
                                double gflops, double bytesPerSecond) {
}
