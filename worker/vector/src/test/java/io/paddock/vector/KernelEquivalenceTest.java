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
