package io.paddock.cli;

import io.paddock.runtime.kernel.Kernels;
import io.paddock.vector.JvmKernels;
import picocli.CommandLine.Option;

/** {@code --threads N --no-simd}: which kernels run the runtime (all give bit-identical results). */
final class KernelOptions {
    @Option(names = "--threads", defaultValue = "1", description = "threads per matrix-vector product (default 1)")
    int threads;

    @Option(names = "--no-simd", description = "use the scalar reference kernels instead of the Vector API")
    boolean noSimd;

    Kernels create() {
        return JvmKernels.create(!noSimd, threads);
    }

    static void close(Kernels kernels) {
        if (kernels instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
