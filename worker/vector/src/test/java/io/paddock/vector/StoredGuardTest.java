package io.paddock.vector;

import io.paddock.protocol.io.ByteSource;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.kernel.ScalarKernels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JVM kernels never see a tensor left in its package bytes: a clear error, not a ClassCastException. */
class StoredGuardTest {
    // every JVM kernel, the scalar reference included, refuses a tensor left in its package bytes


    @Test
    void storedTensorsAreRejectedWithAClearMessage() {
        TensorData.Stored w = new TensorData.Stored(4, 8, DType.Q4_0, 8, ByteSource.of(new byte[64]), 0, 16);
        float[] x = new float[8];
        try (ParallelKernels parallel = new ParallelKernels(new ScalarKernels(), 2, 0, 0)) {
            for (Kernels k : new Kernels[] {new VectorKernels(), parallel, new ScalarKernels()}) {
                assertThatThrownBy(() -> k.matvec(w, x, new float[4], 0, 0, 4))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decoded");
                assertThatThrownBy(() -> k.matvecs(new TensorData[] {w}, x, new float[][] {new float[4]}))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decoded");
            }
        }
    }
}
