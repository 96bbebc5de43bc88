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
    void finiteExtremesKeepTheirBitsOnTheTiledPath() {
        // no NaN anywhere, so NanRows cannot hide a difference: huge inputs against tiny scales,
        // zero / -0 / subnormal scales, inputs at the smallest accepted magnitude, overflow to +Inf
        RandomTensors rt = new RandomTensors(6006, false);
        float[][] inputs = new float[4][96];
        for (int c = 0; c < 96; c++) {
            inputs[0][c] = (c % 2 == 0 ? 1 : -1) * 1e37f * (1 + c);
            inputs[1][c] = (c % 3 == 0 ? 0x1p-109f : c % 3 == 1 ? -0x1p-109f : -0f) * (1 + c % 5);
            inputs[2][c] = c % 4 == 0 ? Float.MAX_VALUE : c % 4 == 1 ? -0f : 0f;
            inputs[3][c] = (float) Math.scalb(1.0 + c / 97.0, (c * 37) % 200 - 100);
        }
        int finite = 0;
        for (float[] x : inputs) {
            TensorData.Q4 base = rt.q4(24, 96, 32);
            float[] scales = base.blockScales().clone();
            for (int i = 0; i < scales.length; i++) {
                scales[i] = switch (i % 6) {
                    case 0 -> 0f;
                    case 1 -> -0f;
                    case 2 -> Float.MIN_VALUE * (i + 1);
                    case 3 -> 1e-38f;
                    case 4 -> 3e-30f;
                    default -> 1f;
                };
            }
            // every nibble non-negative: products of one sign per row, so overflow gives +-Inf, never NaN
            byte[] packed = base.packed().clone();
            for (int i = 0; i < packed.length; i++) {
                packed[i] &= 0x77;
            }
            TensorData.Q4 w = new TensorData.Q4(24, 96, 32, packed, scales);
            float[] expected = new float[24];
            SCALAR.matvec(w, x, expected, 0);
            for (float e : expected) {
                if (!Float.isNaN(e)) {
                    finite++;
                }
            }
            assertTiledMatches(w, x, 0, 24);
        }
        assertThat(finite).as("rows not NaN").isGreaterThan(48);
    }

    @Test
    void theSmallestAcceptedInputIsTwoToTheMinus109() {
        RandomTensors rt = new RandomTensors(6007, false);
        TensorData.Q4 w = rt.q4(8, 32, 32);
        float[] x = rt.vector(32);
        x[5] = 0x1p-109f;
        assertTiledMatches(w, x, 0, 8);
        x[5] = Math.nextDown(0x1p-109f);
        assertThat(Q4TileRows.matvec(Q4Tiles.of(w), w, x, new Q4TileInput(), new float[8], 0, 0, 8)).isFalse();
    }

    @Test
    void parallelChunksThatSplitTilesStillMatch() {
        VectorKernels vector = new VectorKernels();
        try (ParallelKernels pool = new ParallelKernels(vector, 3, 0, 0)) {
            RandomTensors rt = new RandomTensors(6008, false);
            TensorData.Q4 w = rt.q4(77, 64, 32);
            float[] x = rt.vector(64);
            for (int[] range : new int[][] {{3, 77}, {0, 77}, {5, 61}, {13, 14}}) {
                float[] expected = filled(90);
                float[] actual = filled(90);
                SCALAR.matvec(w, x, expected, 11, range[0], range[1]);
                pool.matvec(w, x, actual, 11, range[0], range[1]);
                assertThat(KernelEquivalenceTest.bits(actual)).as("rows [%d, %d)", range[0], range[1])
                        .containsExactly(KernelEquivalenceTest.bits(expected));
            }
            assertThat(vector.holdsTilesFor(w)).isTrue();
        }
    }

    @Test
    void kernelsSharingACacheTileEachMatrixOnceAndDropTheCopyWithTheMatrix() throws InterruptedException {
        Q4TileCache cache = new Q4TileCache();
        VectorKernels a = new VectorKernels(cache);
        VectorKernels b = new VectorKernels(cache);
        RandomTensors rt = new RandomTensors(6009, false);
        TensorData.Q4 w = rt.q4(16, 64, 32);
        float[] x = rt.vector(64);
        a.matvec(w, x, new float[16], 0);
        b.matvec(w, x, new float[16], 0);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(b.holdsTilesFor(w)).isTrue();
        assertThat(cache.of(w)).isSameAs(cache.of(w));
        w = null;
        for (int i = 0; i < 50 && cache.size() > 0; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(cache.size()).as("copies left after the matrix was collected").isZero();
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
