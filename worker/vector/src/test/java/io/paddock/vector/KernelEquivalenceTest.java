package io.paddock.vector;

import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.kernel.ScalarKernels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fast kernel against the scalar reference, bit for bit, on odd sizes, every dtype and
 * extreme values (the C9 order reproduced exactly).
 */
class KernelEquivalenceTest {
    private static final int[] COLS = {1, 7, 8, 9, 31, 33, 300, 771};
    private static final int[] Q4_COLS = {2, 8, 10, 32, 34, 288, 300, 772};
    private static final int[] Q4_BLOCKS = {2, 4, 8, 10, 16, 32, 34};
    private static final int[] ROWS = {1, 3, 4, 5, 8, 13, 67};

    private static final ScalarKernels SCALAR = new ScalarKernels();
    private static List<Kernels> fast;
    private static List<ParallelKernels> pools;

    @BeforeAll
    static void createKernels() {
        assertThat(VectorKernels.isAvailable()).as("Vector API available in the test JVM").isTrue();
        VectorKernels vector = new VectorKernels();
        // minParallelElements 0: even tiny products really run on several threads
        pools = List.of(
                new ParallelKernels(SCALAR, 2, 0, 100_000),
                new ParallelKernels(vector, 2, 0, 100_000),
                new ParallelKernels(vector, 3, 0, 0));
        fast = new ArrayList<>();
        fast.add(vector);
        fast.addAll(pools);
    }

    @AfterAll
    static void closePools() {
        pools.forEach(ParallelKernels::close);
    }

    @Test
    void f32MatchesScalarBitForBit() {
        long seed = 1;
        for (boolean extremes : new boolean[] {false, true}) {
            for (int cols : COLS) {
                for (int rows : ROWS) {
                    RandomTensors rt = new RandomTensors(seed++, extremes);
                    check(rt.f32(rows, cols), rt.vector(cols), "f32", rows, cols, 0, extremes);
                }
            }
        }
    }

    @Test
    void q8MatchesScalarBitForBit() {
        long seed = 1000;
        for (boolean extremes : new boolean[] {false, true}) {
            for (int cols : COLS) {
                for (int rows : ROWS) {
                    RandomTensors rt = new RandomTensors(seed++, extremes);
                    check(rt.q8(rows, cols), rt.vector(cols), "q8_0", rows, cols, 0, extremes);
                }
            }
        }
    }

    @Test
    void q4MatchesScalarBitForBit() {
        long seed = 2000;
        int checked = 0;
        for (boolean extremes : new boolean[] {false, true}) {
            for (int cols : Q4_COLS) {
                for (int bs : blockSizes(cols)) {
                    for (int rows : ROWS) {
                        RandomTensors rt = new RandomTensors(seed++, extremes);
                        check(rt.q4(rows, cols, bs), rt.vector(cols), "q4_0", rows, cols, bs, extremes);
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void rowRangesAndOutputOffsetsAreHonoured() {
        RandomTensors rt = new RandomTensors(77, false);
        List<TensorData> tensors = List.of(rt.f32(37, 96), rt.q8(37, 96), rt.q4(37, 96, 32));
        float[] x = rt.vector(96);
        for (TensorData w : tensors) {
            for (Kernels k : fast) {
                for (int[] range : new int[][] {{0, 37}, {5, 30}, {3, 4}, {36, 37}, {9, 9}}) {
                    float[] expected = filled(50);
                    float[] actual = filled(50);
                    SCALAR.matvec(w, x, expected, 7, range[0], range[1]);
                    k.matvec(w, x, actual, 7, range[0], range[1]);
                    assertThat(bits(actual)).as("%s %s rows [%d, %d) at offset 7", k.name(), w.dtype().label(),
                            range[0], range[1]).containsExactly(bits(expected));
                }
            }
        }
    }

    @Test
    void nanInfinityAndZeroResultsKeepTheScalarBits() {
        // rows 0..3: +inf + -inf (NaN), +inf, -inf, all-zero products; 16 and 12 columns (with a tail)
        for (int cols : new int[] {16, 12}) {
            float[] w = new float[8 * cols];
            float[] x = new float[cols];
            java.util.Arrays.fill(x, Float.MAX_VALUE);
            for (int c = 0; c < cols; c++) {
                w[c] = c % 2 == 0 ? Float.MAX_VALUE : -Float.MAX_VALUE;          // NaN
                w[cols + c] = c == 3 ? Float.MAX_VALUE : 0f;                       // +inf
                w[2 * cols + c] = c == 5 ? -Float.MAX_VALUE : 1f;                   // -inf
                w[3 * cols + c] = -0f;                                             // -0 products
                w[4 * cols + c] = c == cols - 1 ? Float.NaN : 1f;                  // NaN input
                w[5 * cols + c] = Float.intBitsToFloat(0xFFC00001);                // NaN with a payload
                w[6 * cols + c] = Float.MIN_VALUE;
                w[7 * cols + c] = -Float.MIN_VALUE;
            }
            TensorData.F32 f = new TensorData.F32(8, cols, w);
            byte[] q = new byte[8 * cols];
            java.util.Arrays.fill(q, (byte) 127);
            float[] scales = {Float.POSITIVE_INFINITY, 0f, -0f, Float.NaN, Float.MAX_VALUE, -1f, 1e-45f, 1f};
            TensorData.Q8 q8 = new TensorData.Q8(8, cols, q, scales);
            byte[] packed = new byte[8 * cols / 2];
            java.util.Arrays.fill(packed, (byte) 0x87);
            float[] blockScales = new float[8 * (cols / 4)];
            for (int i = 0; i < blockScales.length; i++) {
                blockScales[i] = i % 3 == 0 ? Float.MAX_VALUE : i % 3 == 1 ? -Float.MAX_VALUE : Float.NaN;
            }
            TensorData.Q4 q4 = new TensorData.Q4(8, cols, 4, packed, blockScales);
            TensorData.Q4 q4b = new TensorData.Q4(8, cols, cols == 16 ? 16 : 12, packed,
                    java.util.Arrays.copyOf(blockScales, 8));
            for (TensorData t : List.of(f, q8, q4, q4b)) {
                for (int rep = 0; rep < 3; rep++) {
                    check(t, x, t.dtype().label(), 8, cols, t instanceof TensorData.Q4 q4t ? q4t.blockSize() : 0, true);
                }
            }
        }
    }

    private static float[] filled(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, -42f);
        return v;
    }

    private static List<Integer> blockSizes(int cols) {
        List<Integer> sizes = new ArrayList<>();
        for (int bs : Q4_BLOCKS) {
            if (cols % bs == 0) {
                sizes.add(bs);
            }
        }
        if (!sizes.contains(cols)) {
            sizes.add(cols);
        }
        return sizes;
    }

    private static void check(TensorData w, float[] x, String dtype, int rows, int cols, int bs, boolean extremes) {
        float[] expected = new float[rows];
        SCALAR.matvec(w, x, expected, 0);
        for (Kernels k : fast) {
            float[] actual = new float[rows];
            k.matvec(w, x, actual, 0);
            assertThat(bits(actual))
                    .as("kernel %s, dtype %s, rows %d, cols %d, block size %d, extremes %s", k.name(), dtype, rows,
                            cols, bs, extremes)
                    .containsExactly(bits(expected));
        }
    }

    static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }
}
