package io.paddock.vector;

import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.kernel.ScalarKernels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JvmKernelsTest {

    @Test
    void picksScalarVectorOrParallel() {
        assertThat(VectorKernels.isAvailable()).isTrue();
        assertThat(JvmKernels.create(false, 1)).isInstanceOf(ScalarKernels.class);
        assertThat(JvmKernels.create(true, 1)).isInstanceOf(VectorKernels.class);
        Kernels parallel = JvmKernels.create(true, 2);
        try {
            assertThat(parallel).isInstanceOf(ParallelKernels.class);
            assertThat(parallel.name()).isEqualTo("vector256x2threads");
            assertThat(((ParallelKernels) parallel).inner()).isInstanceOf(VectorKernels.class);
        } finally {
            ((ParallelKernels) parallel).close();
        }
        Kernels scalarParallel = JvmKernels.create(false, 2);
        assertThat(scalarParallel.name()).isEqualTo("scalarx2threads");
        ((ParallelKernels) scalarParallel).close();
    }

    @Test
    void rejectsBadThreadCounts() {
        assertThatThrownBy(() -> JvmKernels.create(true, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads");
        assertThatThrownBy(() -> JvmKernels.create(true, -3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vectorKernelsName() {
        assertThat(new VectorKernels().name()).isEqualTo("vector256");
    }
}
