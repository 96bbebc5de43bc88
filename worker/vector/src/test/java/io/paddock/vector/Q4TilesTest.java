package io.paddock.vector;

import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.kernel.ScalarKernels;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tiled q4_0 kernel against the scalar reference, bit for bit: every block size it takes,
 * rows that do not fill a tile, unaligned row ranges, extreme inputs that keep its scaling exact,
 * and the inputs it must decline. Repeated until C2 has compiled it, after the f32 and q8_0
 * kernels have run in the same JVM (the order a mixed generation produces).
 */
class Q4TilesTest {
    private static final ScalarKernels SCALAR = new ScalarKernels();

    @Test
    void tiledRowsMatchTheScalarReferenceOnEveryBlockSizeAndRange() {
        long seed = 5000;
        for (int bs : new int[] {8, 16, 24, 32, 64}) {
            for (int cols : new int[] {bs, 2 * bs, 12 * bs}) {
                for (int rows : new int[] {8, 13, 16, 67}) {
                    RandomTensors rt = new RandomTensors(seed++, false);
                    TensorData.Q4 w = rt.q4(rows, cols, bs);
                    float[] x = rt.vector(cols);
                    for (int[] range : new int[][] {{0, rows}, {3, rows}, {0, rows - 5}, {5, 11}, {8, 8}}) {
                        int end = Math.min(rows, range[1]);
                        assertTiledMatches(w, x, Math.min(range[0], end), end);
                    }
                }
            }
        }
    }

    @Test
    void extremeInputsThatScaleExactlyStayOnTheTiledPath() {
        RandomTensors rt = new RandomTensors(6001, true);
        for (int i = 0; i < 40; i++) {
            TensorData.Q4 w = rt.q4(24, 96, 32);
            float[] x = rt.vector(96);
            for (int c = 0; c < x.length; c++) {
                if (Math.abs(x[c]) < 0x1p-100f && x[c] != 0f) {
                    x[c] = c % 2 == 0 ? Float.MAX_VALUE : -0f;
                }
            }
            x[i % 96] = i % 3 == 0 ? Float.POSITIVE_INFINITY : i % 3 == 1 ? Float.NaN : 0x1p-109f;
            assertTiledMatches(w, x, 0, 24);
        }
    }

    @Test
    void inputsTooSmallToScaleExactlyAreDeclinedAndLeaveTheOutputAlone() {
        RandomTensors rt = new RandomTensors(6002, false);
        TensorData.Q4 w = rt.q4(16, 64, 32);
        float[] x = rt.vector(64);
        x[17] = Float.MIN_VALUE * 3;                                    // subnormal: scaled by 2^-4 it loses bits
        float[] out = new float[16];
        Arrays.fill(out, 42f);
        assertThat(Q4TileRows.matvec(Q4Tiles.of(w), w, x, new Q4TileInput(), out, 0, 0, 16)).isFalse();
        assertThat(out).containsOnly(42f);

        VectorKernels kernels = new VectorKernels();
        float[] expected = new float[16];
        float[] actual = new float[16];
        SCALAR.matvec(w, x, expected, 0);
        kernels.matvec(w, x, actual, 0);
        assertThat(KernelEquivalenceTest.bits(actual)).containsExactly(KernelEquivalenceTest.bits(expected));
    }

    @Test
    void compiledTiledKernelStaysExactAfterTheOtherKernelsRan() {
        VectorKernels kernels = new VectorKernels();
        RandomTensors rt = new RandomTensors(6003, false);
        TensorData f32 = rt.f32(64, 96);
        TensorData q8 = rt.q8(64, 96);
        TensorData.Q4 q4 = rt.q4(64, 96, 32);
        float[] x = rt.vector(96);
        float[] out = new float[64];
        for (int i = 0; i < 20_000; i++) {
            kernels.matvec(f32, x, out, 0);
            kernels.matvec(q8, x, out, 0);
        }
        float[] expected = new float[64];
        SCALAR.matvec(q4, x, expected, 0);
        for (int i = 0; i < 20_000; i++) {
            kernels.matvec(q4, x, out, 0);
        }
        assertThat(kernels.holdsTilesFor(q4)).isTrue();
        assertThat(KernelEquivalenceTest.bits(out)).containsExactly(KernelEquivalenceTest.bits(expected));
    }

    @Test
    void aPreparedInputIsReusedOnlyForEqualValues() {
        RandomTensors rt = new RandomTensors(6005, false);
        TensorData.Q4 w = rt.q4(16, 64, 32);
        Q4Tiles tiles = Q4Tiles.of(w);
        Q4TileInput input = new Q4TileInput();
        float[] x = rt.vector(64);
        for (int change = 0; change < 4; change++) {
            float[] expected = new float[16];
            float[] actual = new float[16];
            SCALAR.matvec(w, x, expected, 0);
            assertThat(Q4TileRows.matvec(tiles, w, x, input, actual, 0, 0, 16)).isTrue();
            assertThat(KernelEquivalenceTest.bits(actual)).as("after change %d", change)
                    .containsExactly(KernelEquivalenceTest.bits(expected));
            x[change * 9] = change == 1 ? -0f : -x[change * 9];               // same array, new values (±0 too)
        }
    }

    @Test
    void onlyWholeTilesAndBlocksOfWholeColumnGroupsAreTiled() {
        RandomTensors rt = new RandomTensors(6004, false);
        assertThat(Q4Tiles.supports(rt.q4(7, 64, 32))).isFalse();
        assertThat(Q4Tiles.supports(rt.q4(8, 60, 4))).isFalse();
        assertThat(Q4Tiles.supports(rt.q4(8, 64, 32))).isTrue();
        assertThatThrownBy(() -> Q4Tiles.of(rt.q4(8, 60, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block size 4");
        VectorKernels kernels = new VectorKernels();
        TensorData.Q4 untiled = rt.q4(8, 60, 4);
        kernels.matvec(untiled, rt.vector(60), new float[8], 0);
        assertThat(kernels.holdsTilesFor(untiled)).isFalse();
    }

    private static void assertTiledMatches(TensorData.Q4 w, float[] x, int rowStart, int rowEnd) {
        float[] expected = filled(w.rows() + 9);
        float[] actual = filled(w.rows() + 9);
        SCALAR.matvec(w, x, expected, 9, rowStart, rowEnd);
        boolean tiled = Q4TileRows.matvec(Q4Tiles.of(w), w, x, new Q4TileInput(), actual, 9, rowStart, rowEnd);
        NanRows.repair(w, x, actual, 9, rowStart, rowEnd);
        assertThat(tiled).as("tiled path taken").isTrue();
        assertThat(KernelEquivalenceTest.bits(actual))
                .as("q4_0 %dx%d block %d rows [%d, %d)", w.rows(), w.cols(), w.blockSize(), rowStart, rowEnd)
                .containsExactly(KernelEquivalenceTest.bits(expected));
    }

    private static float[] filled(int n) {
        float[] v = new float[n];
        Arrays.fill(v, -42f);
        return v;
    }
}
