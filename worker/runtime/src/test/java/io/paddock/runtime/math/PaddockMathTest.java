package io.paddock.runtime.math;

import io.paddock.protocol.random.XorShift64;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paddock's exp/log/sin/cos against the platform: bit-equal to StrictMath (both are fdlibm)
 * and within one ulp of Math over the ranges the runtime uses, plus special values.
 */
class PaddockMathTest {
    private static final int SAMPLES = 200_000;

    private final XorShift64 rng = new XorShift64(42);

    private double uniform(double lo, double hi) {
        return lo + (hi - lo) * ((rng.next() >>> 11) * 0x1.0p-53);
    }

    private static void assertSameBits(double actual, double expected, String what, double x) {
        assertThat(Double.doubleToRawLongBits(actual))
                .as("%s(%s) = %s, StrictMath %s", what, x, actual, expected)
                .isEqualTo(Double.doubleToRawLongBits(expected));
    }

    private static void assertWithinUlps(float actual, double exact, int ulps, String what, float x) {
        float rounded = (float) exact;
        if (Float.isNaN(rounded)) {
            assertThat(actual).as("%s(%s)", what, x).isNaN();
            return;
        }
        if (Float.isInfinite(rounded) || rounded == 0f) {
            assertThat(actual).as("%s(%s)", what, x).isEqualTo(rounded);
            return;
        }
        float tolerance = ulps * Math.ulp(rounded);
        assertThat(Math.abs(actual - rounded)).as("%s(%s) = %s, Math %s", what, x, actual, rounded)
                .isLessThanOrEqualTo(tolerance);
    }

    @Test
    void expEqualsStrictMathOverTheWholeRange() {
        for (int i = 0; i < SAMPLES; i++) {
            double x = uniform(-750, 750);
            assertSameBits(PaddockMath.exp(x), StrictMath.exp(x), "exp", x);
            double small = uniform(-2, 2);
            assertSameBits(PaddockMath.exp(small), StrictMath.exp(small), "exp", small);
            double tiny = uniform(-1e-8, 1e-8);
            assertSameBits(PaddockMath.exp(tiny), StrictMath.exp(tiny), "exp", tiny);
        }
    }

    @Test
    void logEqualsStrictMathForPositiveNumbersOfEveryExponent() {
        for (int i = 0; i < SAMPLES; i++) {
            long bits = rng.next() & 0x7fefffffffffffffL;   // positive finite, any exponent
            double x = Double.longBitsToDouble(bits);
            assertSameBits(PaddockMath.log(x), StrictMath.log(x), "log", x);
            double p = uniform(0, 1);                        // probabilities
            assertSameBits(PaddockMath.log(p), StrictMath.log(p), "log", p);
            double nearOne = 1 + uniform(-1e-5, 1e-5);
            assertSameBits(PaddockMath.log(nearOne), StrictMath.log(nearOne), "log", nearOne);
        }
    }

    @Test
    void sinAndCosEqualStrictMathForRopeAngles() {
        for (int i = 0; i < SAMPLES; i++) {
            double x = uniform(-1e5, 1e5);
            assertSameBits(PaddockMath.sin(x), StrictMath.sin(x), "sin", x);
            assertSameBits(PaddockMath.cos(x), StrictMath.cos(x), "cos", x);
            double small = uniform(-10, 10);
            assertSameBits(PaddockMath.sin(small), StrictMath.sin(small), "sin", small);
            assertSameBits(PaddockMath.cos(small), StrictMath.cos(small), "cos", small);
            double wide = uniform(-PaddockMath.MAX_TRIG_ARGUMENT, PaddockMath.MAX_TRIG_ARGUMENT);
            assertSameBits(PaddockMath.sin(wide), StrictMath.sin(wide), "sin", wide);
            assertSameBits(PaddockMath.cos(wide), StrictMath.cos(wide), "cos", wide);
        }
    }

    @Test
    void sinAndCosNearMultiplesOfHalfPiNeedTheExtraReductionSteps() {
        for (int n = -2000; n <= 2000; n++) {
            double center = n * (Math.PI / 2);
            for (int d = -3; d <= 3; d++) {
                double x = center;
                for (int s = 0; s < Math.abs(d); s++) {
                    x = d < 0 ? Math.nextDown(x) : Math.nextUp(x);
                }
                assertSameBits(PaddockMath.sin(x), StrictMath.sin(x), "sin", x);
                assertSameBits(PaddockMath.cos(x), StrictMath.cos(x), "cos", x);
            }
        }
        // integer positions up to 2^19, as RoPE uses them with freq_0 = 1
        for (int pos = 0; pos < (1 << 19); pos += 7) {
            assertSameBits(PaddockMath.sin((double) pos), StrictMath.sin(pos), "sin", pos);
            assertSameBits(PaddockMath.cos((double) pos), StrictMath.cos(pos), "cos", pos);
        }
    }

    @Test
    void floatVersionsAreWithinOneUlpOfMath() {
        for (int i = 0; i < SAMPLES; i++) {
            float e = (float) uniform(-110, 100);      // softmax/silu arguments incl. under/overflow
            assertWithinUlps(PaddockMath.exp(e), Math.exp(e), 1, "exp", e);
            float p = (float) uniform(0, 1);
            assertWithinUlps(PaddockMath.log(p), Math.log(p), 1, "log", p);
            float a = (float) uniform(-1e5, 1e5);
            assertWithinUlps(PaddockMath.sin(a), Math.sin(a), 1, "sin", a);
            assertWithinUlps(PaddockMath.cos(a), Math.cos(a), 1, "cos", a);
            float b = Float.intBitsToFloat((int) (rng.next() & 0x7f7fffffL));   // any positive finite
            assertWithinUlps(PaddockMath.log(b), Math.log(b), 1, "log", b);
        }
    }

    @Test
    void specialValuesOfExp() {
        assertThat(PaddockMath.exp(Double.NaN)).isNaN();
        assertThat(PaddockMath.exp(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PaddockMath.exp(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(PaddockMath.exp(0.0)).isEqualTo(1.0);
        assertThat(PaddockMath.exp(-0.0)).isEqualTo(1.0);
        assertThat(PaddockMath.exp(Double.MIN_VALUE)).isEqualTo(1.0);
        assertThat(PaddockMath.exp(710.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PaddockMath.exp(-746.0)).isEqualTo(0.0);
        assertSameBits(PaddockMath.exp(-740.0), StrictMath.exp(-740.0), "exp", -740.0);  // subnormal result
        assertThat(PaddockMath.exp(Float.NaN)).isNaN();
        assertThat(PaddockMath.exp(Float.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(PaddockMath.exp(Float.NEGATIVE_INFINITY)).isEqualTo(0f);
        assertThat(PaddockMath.exp(-1000f)).isEqualTo(0f);
        assertThat(PaddockMath.exp(89f)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(PaddockMath.exp(0f)).isEqualTo(1f);
        assertThat(PaddockMath.exp(Float.MIN_VALUE)).isEqualTo(1f);
        assertThat(PaddockMath.exp(-103f)).isEqualTo((float) Math.exp(-103.0));   // subnormal float
    }

    @Test
    void specialValuesOfLog() {
        assertThat(PaddockMath.log(Double.NaN)).isNaN();
        assertThat(PaddockMath.log(-1.0)).isNaN();
        assertThat(PaddockMath.log(Double.NEGATIVE_INFINITY)).isNaN();
        assertThat(PaddockMath.log(0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(PaddockMath.log(-0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(PaddockMath.log(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PaddockMath.log(1.0)).isEqualTo(0.0);
        assertSameBits(PaddockMath.log(Double.MIN_VALUE), StrictMath.log(Double.MIN_VALUE), "log", Double.MIN_VALUE);
        assertSameBits(PaddockMath.log(Math.E), StrictMath.log(Math.E), "log", Math.E);
        assertThat(PaddockMath.log(Float.MIN_VALUE)).isEqualTo((float) Math.log(Float.MIN_VALUE));
        assertThat(PaddockMath.log(0f)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(PaddockMath.log(-1f)).isNaN();
        assertThat(PaddockMath.log(Float.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
    }

    @Test
    void specialValuesOfSinAndCos() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Math.nextUp(PaddockMath.MAX_TRIG_ARGUMENT), -1e7, 1e300}) {
            assertThat(PaddockMath.sin(bad)).as("sin(%s)", bad).isNaN();
            assertThat(PaddockMath.cos(bad)).as("cos(%s)", bad).isNaN();
        }
        assertSameBits(PaddockMath.sin(PaddockMath.MAX_TRIG_ARGUMENT), StrictMath.sin(PaddockMath.MAX_TRIG_ARGUMENT),
                "sin", PaddockMath.MAX_TRIG_ARGUMENT);
        assertThat(Double.doubleToRawLongBits(PaddockMath.sin(-0.0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(PaddockMath.sin(0.0)).isEqualTo(0.0);
        assertThat(PaddockMath.cos(0.0)).isEqualTo(1.0);
        assertThat(PaddockMath.sin(Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
        assertThat(PaddockMath.cos(Double.MIN_VALUE)).isEqualTo(1.0);
        assertThat(PaddockMath.sin(Float.NaN)).isNaN();
        assertThat(PaddockMath.cos(Float.POSITIVE_INFINITY)).isNaN();
        assertThat(PaddockMath.sin(Float.MIN_VALUE)).isEqualTo(Float.MIN_VALUE);
    }
}
