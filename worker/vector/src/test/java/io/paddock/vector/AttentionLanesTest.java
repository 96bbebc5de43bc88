package io.paddock.vector;

import io.paddock.runtime.kernel.ScalarKernels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The vector attention loops against the scalar C9 ones, bit for bit. */
class AttentionLanesTest {
    private static final int[] WIDTHS = {1, 7, 8, 9, 16, 31, 33, 48, 64, 300};
    private final VectorKernels vector = new VectorKernels();

    @Test
    void dotAndDotsMatchTheScalarStripedDot() {
        long seed = 1;
        for (boolean extremes : new boolean[] {false, true}) {
            for (int n : WIDTHS) {
                for (int count : new int[] {1, 3, 4, 9}) {
                    RandomTensors rt = new RandomTensors(seed++, extremes);
                    int stride = n + 5;
                    float[] q = rt.vector(n + 3);
                    float[] rows = rt.vector(2 + stride * count);
                    float[] expected = new float[count + 1];
                    float[] actual = new float[count + 1];
                    for (int p = 0; p < count; p++) {
                        expected[p + 1] = ScalarKernels.dotF32(q, 3, rows, 2 + p * stride, n);
                        assertThat(Float.floatToRawIntBits(vector.dot(q, 3, rows, 2 + p * stride, n)))
                                .as("dot n %d extremes %s", n, extremes)
                                .isEqualTo(Float.floatToRawIntBits(expected[p + 1]));
                    }
                    vector.dots(q, 3, rows, 2, stride, count, n, actual, 1);
                    assertThat(KernelEquivalenceTest.bits(actual)).as("dots n %d count %d extremes %s", n, count,
                            extremes).containsExactly(KernelEquivalenceTest.bits(expected));
                }
            }
        }
    }

    @Test
    void weightedSumMatchesThePlainLoop() {
        long seed = 100;
        for (boolean extremes : new boolean[] {false, true}) {
            for (int width : WIDTHS) {
                for (int n : new int[] {1, 2, 5, 70}) {
                    RandomTensors rt = new RandomTensors(seed++, extremes);
                    int stride = width + 11;
                    float[] w = rt.vector(n + 2);
                    float[] v = rt.vector(4 + stride * n);
                    float[] expected = new float[width + 3];
                    float[] actual = new float[width + 3];
                    for (int d = 0; d < width; d++) {
                        float s = 0f;
                        for (int p = 0; p < n; p++) {
                            s += w[2 + p] * v[p * stride + 4 + d];
                        }
                        expected[3 + d] = s;
                    }
                    vector.weightedSum(w, 2, n, v, stride, 4, width, actual, 3);
                    assertThat(KernelEquivalenceTest.bits(actual)).as("weighted sum width %d n %d extremes %s", width,
                            n, extremes).containsExactly(KernelEquivalenceTest.bits(expected));
                }
            }
        }
    }
}
