package io.paddock.protocol.adapter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequantizeTest {

    private static int reference(float x, int lo, int hi) {
        return (int) Math.max(lo, Math.min(hi, Math.rint(x)));
    }

    @Test
    void roundClampIsRintHalfEvenOnTheJvm() {
        for (int lohi : new int[] {7, 127}) {
            int lo = lohi == 7 ? -8 : -127;
            for (int k = -600; k <= 600; k++) {
                float half = k / 2f;
                for (float x : new float[] {half, Math.nextUp(half), Math.nextDown(half), k / 4f}) {
                    assertThat(Requantize.roundClamp(x, lo, lohi)).as("x=%s", x).isEqualTo(reference(x, lo, lohi));
                }
            }
            io.paddock.protocol.random.XorShift64 rng = new io.paddock.protocol.random.XorShift64(lohi);
            for (int i = 0; i < 200_000; i++) {
                float x = (rng.nextFloat() * 2f - 1f) * 300f;
                assertThat(Requantize.roundClamp(x, lo, lohi)).isEqualTo(reference(x, lo, lohi));
            }
            assertThat(Requantize.roundClamp(Float.MAX_VALUE, lo, lohi)).isEqualTo(lohi);
            assertThat(Requantize.roundClamp(-Float.MAX_VALUE, lo, lohi)).isEqualTo(lo);
            assertThat(Requantize.roundClamp(-0f, lo, lohi)).isZero();
        }
    }

    @Test
    void q8RowFollowsC4() {
        float[] w = {1.27f, -1.27f, 0.025f, 0.015f, 0.005f, -0.635f};
        byte[] q = new byte[w.length];
        float scale = Requantize.q8Row(w, 0, w.length, q, 0);
        assertThat(scale).isEqualTo(1.27f / 127f);
        for (int i = 0; i < w.length; i++) {
            assertThat(q[i]).isEqualTo((byte) Math.rint(w[i] / scale));
        }
        assertThat(q[0]).isEqualTo((byte) 127);
        assertThat(q[1]).isEqualTo((byte) -127);
    }

    @Test
    void zeroRowHasScaleOne() {
        byte[] q = {9, 9, 9};
        assertThat(Requantize.q8Row(new float[] {0f, -0f, 0f}, 0, 3, q, 0)).isEqualTo(1f);
        assertThat(q).containsOnly(0);
    }

    @Test
    void roundsHalfToEven() {
        // scale 1: 2.5 -> 2, 3.5 -> 4, -2.5 -> -2
        float[] w = {7f, 2.5f, 3.5f, -2.5f};
        byte[] packed = new byte[2];
        assertThat(Requantize.q4Block(w, 0, 4, packed, 0)).isEqualTo(1f);
        assertThat(Requantize.nibble(packed, 0)).isEqualTo(7);
        assertThat(Requantize.nibble(packed, 1)).isEqualTo(2);
        assertThat(Requantize.nibble(packed, 2)).isEqualTo(4);
        assertThat(Requantize.nibble(packed, 3)).isEqualTo(-2);
    }

    @Test
    void q4ClampsToMinusEightAndPacksLowNibbleFirst() {
        float[] w = {-7f, 7f, -8f, 0f}; // amax 8 -> scale 8/7: -6.125, 6.125, -7 round to -6, 6, -7
        byte[] packed = new byte[2];
        float scale = Requantize.q4Block(w, 0, 4, packed, 0);
        assertThat(scale).isEqualTo(8f / 7f);
        assertThat(Requantize.nibble(packed, 2)).isEqualTo(-7);
        assertThat(Requantize.nibble(packed, 1)).isEqualTo(6);
    }

    @Test
    void q4WritesOnlyItsOwnElements() {
        byte[] packed = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF};
        Requantize.q4Block(new float[] {7f, -7f}, 0, 2, packed, 2);
        assertThat(packed[0]).isEqualTo((byte) 0xAB);
        assertThat(packed[1]).isEqualTo((byte) 0x97);
        assertThat(packed[2]).isEqualTo((byte) 0xEF);
    }
}
