package io.paddock.runtime.math;

import io.paddock.protocol.random.XorShift64;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** The C9 striped sum and the log-softmax built on it. */
class ReductionsTest {

    private static float naiveStriped(float[] a, int off, int n) {
        float[] acc = new float[8];
        for (int j = 0; j < n; j++) {
            acc[j % 8] += a[off + j];
        }
        return ((acc[0] + acc[4]) + (acc[2] + acc[6])) + ((acc[1] + acc[5]) + (acc[3] + acc[7]));
    }

    @Test
    void stripedSumFollowsTheC9Order() {
        XorShift64 rng = new XorShift64(3);
        for (int n : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 300, 771}) {
            float[] a = new float[n + 5];
            for (int i = 0; i < a.length; i++) {
                a[i] = (rng.nextFloat() - 0.5f) * (float) Math.pow(10, rng.nextInt(8) - 4);
            }
            for (int off : new int[] {0, 3}) {
                assertThat(Float.floatToRawIntBits(Striped.sum(a, off, n)))
                        .as("n=%d off=%d", n, off).isEqualTo(Float.floatToRawIntBits(naiveStriped(a, off, n)));
            }
        }
    }

    @Test
    void logSoftmaxIsBuiltFromMaxStripedSumAndLog() {
        XorShift64 rng = new XorShift64(4);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(400);
            float[] logits = new float[n];
            for (int i = 0; i < n; i++) {
                logits[i] = (rng.nextFloat() - 0.5f) * 40f;
            }
            int token = rng.nextInt(n);
            float max = Float.NEGATIVE_INFINITY;
            for (float l : logits) {
                max = Math.max(max, l);
            }
            float[] e = new float[n];
            for (int i = 0; i < n; i++) {
                e[i] = PaddockMath.exp(logits[i] - max);
            }
            float expected = (logits[token] - max) - PaddockMath.log(naiveStriped(e, 0, n));
            float actual = LogSoftmax.at(logits, n, token);
            assertThat(Float.floatToRawIntBits(actual)).isEqualTo(Float.floatToRawIntBits(expected));
            double sum = 0;
            double dmax = max;
            for (float l : logits) {
                sum += Math.exp(l - dmax);
            }
            assertThat((double) actual).isCloseTo(logits[token] - dmax - Math.log(sum), offset(1e-4));
        }
        assertThatThrownBy(() -> LogSoftmax.at(new float[3], 3, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
