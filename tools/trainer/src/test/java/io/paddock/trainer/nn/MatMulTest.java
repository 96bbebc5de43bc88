package io.paddock.trainer.nn;

import io.paddock.protocol.random.XorShift64;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The vector kernel against a naive scalar loop with the same order: bit-identical on odd sizes. */
class MatMulTest {

    @Test
    void forwardBackwardInputAndWeightMatchTheNaiveOrder() {
        XorShift64 rng = new XorShift64(3);
        int[] sizes = {1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33, 260};
        for (int n : new int[] {1, 3, 4, 5, 9}) {
            for (int k : new int[] {1, 7, 16, 33}) {
                for (int m : sizes) {
                    float[] x = OpGradientTest.random(rng, n * k, 1f);
                    float[] w = OpGradientTest.random(rng, m * k, 1f);
                    float[] wT = OpGradientTest.transpose(w, m, k);
                    float[] dy = OpGradientTest.random(rng, n * m, 1f);
                    String shape = n + "x" + k + "x" + m;

                    float[] y = new float[n * m];
                    MatMul.forward(x, n, k, wT, m, y);
                    float[] yRef = new float[n * m];
                    for (int i = 0; i < n; i++) {
                        for (int r = 0; r < m; r++) {
                            float acc = 0f;
                            for (int c = 0; c < k; c++) {
                                acc += x[i * k + c] * wT[c * m + r];
                            }
                            yRef[i * m + r] = acc;
                        }
                    }
                    assertThat(y).as("forward %s", shape).containsExactly(yRef);

                    float[] dx = OpGradientTest.random(rng, n * k, 1f);
                    float[] dxRef = dx.clone();
                    MatMul.backwardInput(dy, n, m, w, k, dx);
                    for (int i = 0; i < n; i++) {
                        for (int c = 0; c < k; c++) {
                            float acc = dxRef[i * k + c];
                            for (int r = 0; r < m; r++) {
                                acc += dy[i * m + r] * w[r * k + c];
                            }
                            dxRef[i * k + c] = acc;
                        }
                    }
                    assertThat(dx).as("backward input %s", shape).containsExactly(dxRef);

                    float[] dw = OpGradientTest.random(rng, m * k, 1f);
                    float[] dwRef = dw.clone();
                    MatMul.backwardWeight(dy, n, m, x, k, dw);
                    for (int r = 0; r < m; r++) {
                        for (int c = 0; c < k; c++) {
                            float acc = dwRef[r * k + c];
                            for (int i = 0; i < n; i++) {
                                acc += dy[i * m + r] * x[i * k + c];
                            }
                            dwRef[r * k + c] = acc;
                        }
                    }
                    assertThat(dw).as("backward weight %s", shape).containsExactly(dwRef);
                }
            }
        }
    }
}
