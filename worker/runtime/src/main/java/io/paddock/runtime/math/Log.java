package io.paddock.runtime.math;

/**
 * Natural logarithm in double, the fdlibm 5.3 algorithm (Sun Microsystems, freely
 * distributable: "Permission to use, copy, modify, and distribute this software is freely
 * granted, provided that this notice is preserved"). Same results, bit for bit, as
 * {@code StrictMath.log}.
 *
 * <p>Method: {@code x = 2^k·(1+f)} with {@code √2/2 < 1+f < √2}; with {@code s = f/(2+f)},
 * {@code log(1+f) = 2s + s·R(s²)} where R is a degree-14 Remez polynomial; then
 * {@code log(x) = k·ln2_hi + (log(1+f) + k·ln2_lo)}.
 */
final class Log {
    private static final double LN2_HI = 0x1.62e42feep-1;
    private static final double LN2_LO = 0x1.a39ef35793c76p-33;
    private static final double TWO54 = 0x1.0p54;

    private static final double LG1 = 0x1.5555555555593p-1;
    private static final double LG2 = 0x1.999999997fa04p-2;
    private static final double LG3 = 0x1.2492494229359p-2;
    private static final double LG4 = 0x1.c71c51d8e78afp-3;
    private static final double LG5 = 0x1.7466496cb03dep-3;
    private static final double LG6 = 0x1.39a09d078c69fp-3;
    private static final double LG7 = 0x1.2f112df3e5244p-3;

    private Log() {
    }

    static double log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int hx = (int) (bits >>> 32);
        int lx = (int) bits;

        // zero, negative and subnormal arguments
        int k = 0;
        if (hx < 0x00100000) {                          // x < 2^-1022 (or negative)
            if (((hx & 0x7fffffff) | lx) == 0) {
                return Double.NEGATIVE_INFINITY;         // log(±0)
            }
            if (hx < 0) {
                return Double.NaN;                       // log(negative)
            }
            k -= 54;                                     // subnormal: scale up
            x *= TWO54;
            hx = (int) (Double.doubleToRawLongBits(x) >>> 32);
        }
        if (hx >= 0x7ff00000) {
            return x + x;                                // +inf or NaN
        }

        // x = 2^k * (1+f), sqrt(2)/2 < 1+f < sqrt(2)
        k += (hx >> 20) - 1023;
        hx &= 0x000fffff;
        int i = (hx + 0x95f64) & 0x100000;
        x = withHighWord(x, hx | (i ^ 0x3ff00000));      // normalize x or x/2
        k += i >> 20;
        double f = x - 1.0;

        // |f| < 2^-20: a short series suffices
        if ((0x000fffff & (2 + hx)) < 3) {
            if (f == 0.0) {
                if (k == 0) {
                    return 0.0;
                }
                double dk = k;
                return dk * LN2_HI + dk * LN2_LO;
            }
            double r = f * f * (0.5 - 0.33333333333333333 * f);
            if (k == 0) {
                return f - r;
            }
            double dk = k;
            return dk * LN2_HI - ((r - dk * LN2_LO) - f);
        }

        // log(1+f) = f - s*(f - R) with s = f/(2+f)
        double s = f / (2.0 + f);
        double dk = k;
        double z = s * s;
        int i1 = hx - 0x6147a;
        double w = z * z;
        int j = 0x6b851 - hx;
        double t1 = w * (LG2 + w * (LG4 + w * LG6));
        double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        i1 |= j;
        double r = t2 + t1;
        if (i1 > 0) {
            double hfsq = 0.5 * f * f;
            if (k == 0) {
                return f - (hfsq - s * (hfsq + r));
            }
            return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
        }
        if (k == 0) {
            return f - s * (f - r);
        }
        return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
    }

    private static double withHighWord(double x, int high) {
        long bits = Double.doubleToRawLongBits(x);
        return Double.longBitsToDouble((bits & 0xFFFFFFFFL) | ((long) high << 32));
    }
}
