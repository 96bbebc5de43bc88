package io.paddock.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import org.junit.jupiter.api.Test;

class JsonNumberTest {

    private static JsonNumber n(String literal) {
        return new JsonNumber(literal);
    }

    @Test
    void literalGrammar() {
        for (String ok : new String[] {"0", "-0", "1", "-12", "0.5", "1e5", "1E+5", "1e-05", "-0.0e0", "123456789012345678901234567890"}) {
            assertThat(JsonNumber.isValidLiteral(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {"", "-", "01", "1.", ".1", "+1", "1e", "1e+", "0x1", "1f", "NaN", "Infinity", " 1", "1 ", "--1"}) {
            assertThat(JsonNumber.isValidLiteral(bad)).as(bad).isFalse();
        }
    }

    @Test
    void integralness() {
        assertThat(n("12").isIntegral()).isTrue();
        assertThat(n("-0").isIntegral()).isTrue();
        assertThat(n("1.0").isIntegral()).isFalse();
        assertThat(n("1e2").isIntegral()).isFalse();
    }

    @Test
    void intRange() {
        assertThat(n("2147483647").toInt()).isEqualTo(Integer.MAX_VALUE);
        assertThat(n("-2147483648").toInt()).isEqualTo(Integer.MIN_VALUE);
        assertThat(n("-0").toInt()).isZero();
        assertRejected(() -> n("2147483648").toInt(), "must be an integer in -2147483648..2147483647", "2147483648");
        assertRejected(() -> n("1.0").toInt(), "must be an integer", "1.0");
        assertRejected(() -> n("1e2").toInt(), "must be an integer", "1e2");
        assertRejected(() -> n("9".repeat(100)).toInt(), "must be an integer", "9".repeat(40) + "…");
    }

    @Test
    void longRange() {
        assertThat(n("9223372036854775807").toLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(n("-9223372036854775808").toLong()).isEqualTo(Long.MIN_VALUE);
        assertRejected(() -> n("9223372036854775808").toLong(), "must be an integer in -9223372036854775808", "9223372036854775808");
    }

    @Test
    void unsignedRange() {
        assertThat(n("18446744073709551615").toUnsignedLong()).isEqualTo(-1L);
        assertThat(n("0").toUnsignedLong()).isZero();
        assertRejected(() -> n("18446744073709551616").toUnsignedLong(), "must be an integer in 0..18446744073709551615", "18446744073709551616");
        assertRejected(() -> n("-1").toUnsignedLong(), "0..18446744073709551615", "-1");
        assertRejected(() -> n("1.5").toUnsignedLong(), "0..18446744073709551615", "1.5");
    }

    @Test
    void floatRange() {
        assertThat(n("3.4028235e38").toFloat()).isEqualTo(Float.MAX_VALUE);
        assertThat(n("1.4e-45").toFloat()).isEqualTo(Float.MIN_VALUE);
        assertThat(n("0.7").toFloat()).isEqualTo(0.7f);
        assertThat(n("0e-999").toFloat()).isZero();
        assertThat(Float.floatToIntBits(n("-0.0").toFloat())).isEqualTo(Float.floatToIntBits(-0.0f));
        assertRejected(() -> n("3.5e38").toFloat(), "must be a number within float range", "3.5e38");
        assertRejected(() -> n("1e-50").toFloat(), "within float range", "1e-50");
        assertRejected(() -> n("1e99999999999").toFloat(), "within float range", "1e99999999999");
    }

    @Test
    void doubleRange() {
        assertThat(n("4.9e-324").toDouble()).isEqualTo(Double.MIN_VALUE);
        assertThat(n("1.7976931348623157e308").toDouble()).isEqualTo(Double.MAX_VALUE);
        assertRejected(() -> n("1e309").toDouble(), "must be a number within double range", "1e309");
        assertRejected(() -> n("-1e-400").toDouble(), "within double range", "-1e-400");
    }

    @Test
    void factoriesRoundTripThroughTheAccessors() {
        for (float f : new float[] {0f, -0f, 1f, 0.1f, 1e-45f, Float.MAX_VALUE, 3.14159f, 1e10f, 123456.79f}) {
            assertThat(Float.floatToIntBits(JsonNumber.of(f).toFloat())).as("%s", f).isEqualTo(Float.floatToIntBits(f));
        }
        for (double d : new double[] {0, 0.1, Double.MIN_VALUE, Double.MAX_VALUE, Math.PI, 1e300, -2.5e-300}) {
            assertThat(JsonNumber.of(d).toDouble()).as("%s", d).isEqualTo(d);
        }
        assertThat(JsonNumber.of(42).toInt()).isEqualTo(42);
        assertThat(JsonNumber.ofUnsigned(Long.MIN_VALUE).toUnsignedLong()).isEqualTo(Long.MIN_VALUE);
    }

    private static void assertRejected(Runnable r, String rule, String bad) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(FormatException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SUITE);
            assertThat(e.rule()).contains(rule);
            assertThat(e.badValue()).isEqualTo(bad);
        });
    }
}
