package io.paddock.browser;

import io.paddock.protocol.slm.DType;
import io.paddock.vector.VectorKernels;
import io.paddock.vector.bench.KernelBench;
import org.junit.jupiter.api.Test;

class JvmKernelScratch {
    @Test
    void bench() {
        KernelBench b = new KernelBench();
        for (DType d : DType.values()) {
            for (int[] s : new int[][] {{768, 288}, {288, 768}, {32000, 288}}) {
                System.out.println(b.measure(new VectorKernels(), KernelBench.randomMatrix(d, s[0], s[1], 3)));
            }
        }
    }
}
