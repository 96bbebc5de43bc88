package io.paddock.runtime.math;

/**
 * Paddock's own transcendental functions (C9): built only from {@code + - * /}, comparisons
 * and bit casts, so they give the same bits on every JVM and in every browser (unlike
 * {@code Math.exp} and friends, which TeaVM maps to the browser's Math).
 *
 * <p>The double versions are the fdlibm algorithms and equal {@code StrictMath} bit for bit
 * (sin/cos for {@code |x| ≤ 2^19·π/2}, beyond which they return NaN). The float versions
 * evaluate in double and round once, so they are within one ulp of the exact result:
 * exp underflows to 0 for large negative arguments and overflows to +∞ above ~88.72.
 */
public final class PaddockMath {
    /** The largest |x| for which {@link #sin(double)} and {@link #cos(double)} are defined (≈ 823 550). */
    public static final double MAX_TRIG_ARGUMENT = Trig.MAX_ARGUMENT;

    private PaddockMath() {
    }

    /** e^x; NaN → NaN, +∞ → +∞, −∞ → 0. */
    public static double exp(double x) {
        return Exp.exp(x);
    }

    /** Natural logarithm; 0 → −∞, negative or NaN → NaN, +∞ → +∞. */
    public static double log(double x) {
        return Log.log(x);
    }

    /** Sine; ±∞, NaN and {@code |x| > MAX_TRIG_ARGUMENT} → NaN. */
    public static double sin(double x) {
        return Trig.sin(x);
    }

    /** Cosine; ±∞, NaN and {@code |x| > MAX_TRIG_ARGUMENT} → NaN. */
    public static double cos(double x) {
        return Trig.cos(x);
    }

    /** e^x in float (evaluated in double, rounded once). */
    public static float exp(float x) {
        return (float) Exp.exp(x);
    }

    /** Natural logarithm in float (evaluated in double, rounded once). */
    public static float log(float x) {
        return (float) Log.log(x);
    }

    /** Sine in float (evaluated in double, rounded once). */
    public static float sin(float x) {
        return (float) Trig.sin(x);
    }

    /** Cosine in float (evaluated in double, rounded once). */
    public static float cos(float x) {
        return (float) Trig.cos(x);
    }
}
