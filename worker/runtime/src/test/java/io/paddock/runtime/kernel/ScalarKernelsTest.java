package io.paddock.runtime.kernel;

import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.model.NaiveForward;
import io.paddock.runtime.model.TinyModels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference kernels against the naive C9 matvec for every dtype, odd sizes and row ranges. */
class ScalarKernelsTest {

    @Test
    void everyDtypeMatchesTheNaiveMatvecBitForBit() {
        XorShift64 rng = new XorShift64(8);
        int[] colsList = {1, 2, 6, 7, 8, 9, 30, 31, 33, 96, 300, 770, 771};
        for (DType dtype : DType.values()) {
            for (int cols : colsList) {
                int[] blocks = dtype == DType.Q4_0 ? q4Blocks(cols) : new int[] {0};
                for (int block : blocks) {
                    if (dtype == DType.Q4_0 && block == 0) {
                        continue;
                    }
                    int rows = 5;
                    float[] w = new float[rows * cols];
                    float[] x = new float[cols];
                    for (int i = 0; i < w.length; i++) {
                        w[i] = rng.nextFloat() * 2 - 1;
                    }
                    for (int i = 0; i < cols; i++) {
                        x[i] = (rng.nextFloat() * 2 - 1) * 3;
                    }
                    TensorData t = TinyModels.quantize(w, rows, cols, dtype, block);
                    float[] expected = NaiveForward.matvec(t, x);
                    float[] out = new float[rows + 2];
                    new ScalarKernels().matvec(t, x, out, 2, 1, rows);
                    for (int r = 1; r < rows; r++) {
                        assertThat(Float.floatToRawIntBits(out[2 + r]))
                                .as("%s cols=%d block=%d row=%d", dtype, cols, block, r)
                                .isEqualTo(Float.floatToRawIntBits(expected[r]));
                    }
                    assertThat(out[2]).as("rows outside the range are untouched").isZero();
                }
            }
        }
    }

    /** Even block sizes dividing an even column count (q4_0 needs both), incl. non-multiples of 8. */
    private static int[] q4Blocks(int cols) {
        if (cols % 2 != 0) {
            return new int[] {0};
        }
        return java.util.stream.IntStream.of(2, 4, 6, 8, 10, 12, 32)
                .filter(b -> cols % b == 0).toArray();
    }
}
