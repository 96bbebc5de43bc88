package io.paddock.runtime.math;

/**
 * {@code e^x} in double, the fdlibm 5.3 algorithm (Sun Microsystems, freely distributable:
 * "Permission to use, copy, modify, and distribute this software is freely granted, provided
 * that this notice is preserved"). Same results, bit for bit, as {@code StrictMath.exp}.
 *
 * <p>Method: reduce {@code x = k·ln2 + r} with {@code |r| ≤ ln2/2} ({@code ln2} split in a
 * hi part exact for integer multiples and a lo part), approximate {@code e^r} with a degree-5
 * rational Remez form, then scale by {@code 2^k} through the exponent bits.
 */
final class Exp {
    private static final double O_THRESHOLD = 0x1.62e42fefa39efp9;   //  709.782712893383973096
    private static final double U_THRESHOLD = -0x1.74910d52d3051p9;  // -745.133219101941108420
    private static final double LN2_HI = 0x1.62e42feep-1;
    private static final double LN2_LO = 0x1.a39ef35793c76p-33;
    private static final double INV_LN2 = 0x1.71547652b82fep0;
    private static final double TWO_M1000 = 0x1.0p-1000;

    private static final double P1 = 0x1.555555555553ep-3;
    private static final double P2 = -0x1.6c16c16bebd93p-9;
    private static final double P3 = 0x1.1566aaf25de2cp-14;
    private static final double P4 = -0x1.bbd41c5d26bf1p-20;
    private static final double P5 = 0x1.6376972bea4d0p-25;

    private Exp() {
    }

    static double exp(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int hx = (int) (bits >>> 32);
        boolean negative = hx < 0;
        hx &= 0x7fffffff;

        // non-finite and out-of-range arguments
        if (hx >= 0x40862E42) {                       // |x| >= 709.78...
            if (hx >= 0x7ff00000) {
                if (((hx & 0xfffff) | (int) bits) != 0) {
                    return x + x;                      // NaN
                }
                return negative ? 0.0 : x;             // exp(-inf) = 0, exp(+inf) = inf
            }
            if (x > O_THRESHOLD) {
                return Double.POSITIVE_INFINITY;
            }
            if (x < U_THRESHOLD) {
                return 0.0;
            }
        }

        // argument reduction: x = k*ln2 + (hi - lo)
        double hi = 0.0;
        double lo = 0.0;
        int k = 0;
        if (hx > 0x3fd62e42) {                         // |x| > ln2/2
            if (hx < 0x3FF0A2B2) {                     // and |x| < 1.5 ln2: k = ±1
                hi = negative ? x + LN2_HI : x - LN2_HI;
                lo = negative ? -LN2_LO : LN2_LO;
                k = negative ? -1 : 1;
            } else {
                k = (int) (INV_LN2 * x + (negative ? -0.5 : 0.5));
                double t = k;
                hi = x - t * LN2_HI;                   // exact: t*LN2_HI has trailing zero bits
                lo = t * LN2_LO;
            }
            x = hi - lo;
        } else if (hx < 0x3e300000) {                  // |x| < 2^-28
            return 1.0 + x;
        }

        // x is in the primary range: rational approximation of e^x
        double t = x * x;
        double c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
        if (k == 0) {
            return 1.0 - ((x * c) / (c - 2.0) - x);
        }
        double y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
        if (k >= -1021) {
            return addToExponent(y, k);
        }
        return addToExponent(y, k + 1000) * TWO_M1000;  // subnormal result
    }

    private static double addToExponent(double y, int k) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(y) + ((long) k << 52));
    }
}
