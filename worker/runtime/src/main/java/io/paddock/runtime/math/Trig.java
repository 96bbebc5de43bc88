package io.paddock.runtime.math;

/**
 * Sine and cosine in double, the fdlibm 5.3 algorithms (Sun Microsystems, freely
 * distributable: "Permission to use, copy, modify, and distribute this software is freely
 * granted, provided that this notice is preserved") restricted to {@code |x| ≤ 2^19·π/2}
 * (about 823 550 rad), where they equal {@code StrictMath.sin/cos} bit for bit.
 *
 * <p>Method: reduce {@code x = n·π/2 + (y0 + y1)} with {@code |y0 + y1| ≤ π/4} by Cody–Waite
 * with π/2 split in three 33-bit parts (each further part is used only when cancellation
 * requires it), then evaluate the degree-13 sine or degree-14 cosine kernel polynomial on the
 * reduced argument and pick the quadrant. Beyond the supported range (which RoPE never
 * reaches: {@code ModelConfig} caps the context at 2^19 positions) the result is NaN rather
 * than a silently inaccurate value.
 */
final class Trig {
    /** The largest supported |x|: high word 0x413921fb, about 2^19·π/2. */
    static final double MAX_ARGUMENT = Double.longBitsToDouble(0x413921fbffffffffL);

    private static final double S1 = -0x1.5555555555549p-3;
    private static final double S2 = 0x1.111111110f8a6p-7;
    private static final double S3 = -0x1.a01a019c161d5p-13;
    private static final double S4 = 0x1.71de357b1fe7dp-19;
    private static final double S5 = -0x1.ae5e68a2b9cebp-26;
    private static final double S6 = 0x1.5d93a5acfd57cp-33;

    private static final double C1 = 0x1.555555555554cp-5;
    private static final double C2 = -0x1.6c16c16c15177p-10;
    private static final double C3 = 0x1.a01a019cb159p-16;
    private static final double C4 = -0x1.27e4f809c52adp-22;
    private static final double C5 = 0x1.1ee9ebdb4b1c4p-29;
    private static final double C6 = -0x1.8fae9be8838d4p-37;

    private static final double INV_PIO2 = 0x1.45f306dc9c883p-1;   // 53 bits of 2/pi
    private static final double PIO2_1 = 0x1.921fb544p0;           // first 33 bits of pi/2
    private static final double PIO2_1T = 0x1.0b4611a626331p-34;   // pi/2 - PIO2_1
    private static final double PIO2_2 = 0x1.0b4611a6p-34;         // second 33 bits
    private static final double PIO2_2T = 0x1.3198a2e037073p-69;   // pi/2 - (PIO2_1 + PIO2_2)
    private static final double PIO2_3 = 0x1.3198a2ep-69;          // third 33 bits
    private static final double PIO2_3T = 0x1.b839a252049c1p-104;  // pi/2 - (PIO2_1 + PIO2_2 + PIO2_3)

    /** High words of n·π/2 for n = 1..32 (detects possible cancellation in the first step). */
    private static final int[] NPIO2_HW = {
        0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C,
        0x4025FDBB, 0x402921FB, 0x402C463A, 0x402F6A7A, 0x4031475C, 0x4032D97C,
        0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB, 0x403AB41B, 0x403C463A,
        0x403DD85A, 0x403F6A7A, 0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C,
        0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB, 0x4046C6CB, 0x40478FDB,
        0x404858EB, 0x404921FB,
    };

    private Trig() {
    }

    static double sin(double x) {
        return eval(x, 0);
    }

    static double cos(double x) {
        return eval(x, 1);
    }

    /** sin(x) for shift 0, cos(x) = sin(x + π/2) for shift 1. */
    private static double eval(double x, int shift) {
        int hx = highWord(x);
        int ix = hx & 0x7fffffff;
        if (ix <= 0x3fe921fb) {                          // |x| <= pi/4: no reduction
            return shift == 0 ? kernelSin(x, 0.0, false) : kernelCos(x, 0.0);
        }
        if (ix >= 0x7ff00000) {
            return x - x;                                // sin/cos of inf or NaN is NaN
        }
        if (ix > 0x413921fb) {
            return Double.NaN;                           // outside the supported range
        }

        // reduce: x = n*pi/2 + (y0 + y1)
        int n;
        double y0;
        double y1;
        if (ix < 0x4002d97c) {                           // |x| < 3pi/4: n = ±1
            boolean nearPio2 = ix == 0x3ff921fb;         // near pi/2: use 33+33+53 bits of pi/2
            if (hx > 0) {
                double z = x - PIO2_1;
                if (!nearPio2) {
                    y0 = z - PIO2_1T;
                    y1 = (z - y0) - PIO2_1T;
                } else {
                    z -= PIO2_2;
                    y0 = z - PIO2_2T;
                    y1 = (z - y0) - PIO2_2T;
                }
                n = 1;
            } else {
                double z = x + PIO2_1;
                if (!nearPio2) {
                    y0 = z + PIO2_1T;
                    y1 = (z - y0) + PIO2_1T;
                } else {
                    z += PIO2_2;
                    y0 = z + PIO2_2T;
                    y1 = (z - y0) + PIO2_2T;
                }
                n = -1;
            }
        } else {                                         // medium size: Cody-Waite, 3-part pi/2
            double t = Math.abs(x);
            n = (int) (t * INV_PIO2 + 0.5);
            double fn = n;
            double r = t - fn * PIO2_1;
            double w = fn * PIO2_1T;                     // first round good to 85 bits
            y0 = r - w;
            if (n >= 32 || ix == NPIO2_HW[n - 1]) {
                int j = ix >> 20;
                int i = j - ((highWord(y0) >> 20) & 0x7ff);
                if (i > 16) {                            // second round, good to 118 bits
                    t = r;
                    w = fn * PIO2_2;
                    r = t - w;
                    w = fn * PIO2_2T - ((t - r) - w);
                    y0 = r - w;
                    i = j - ((highWord(y0) >> 20) & 0x7ff);
                    if (i > 49) {                        // third round, 151 bits
                        t = r;
                        w = fn * PIO2_3;
                        r = t - w;
                        w = fn * PIO2_3T - ((t - r) - w);
                        y0 = r - w;
                    }
                }
            }
            y1 = (r - y0) - w;
            if (hx < 0) {
                y0 = -y0;
                y1 = -y1;
                n = -n;
            }
        }

        // evaluate in the quadrant
        switch ((n + shift) & 3) {
            case 0:
                return kernelSin(y0, y1, true);
            case 1:
                return kernelCos(y0, y1);
            case 2:
                return -kernelSin(y0, y1, true);
            default:
                return -kernelCos(y0, y1);
        }
    }

    /** sin(x + y) on [-π/4, π/4]; y is the tail of x (ignored when {@code hasTail} is false). */
    private static double kernelSin(double x, double y, boolean hasTail) {
        int ix = highWord(x) & 0x7fffffff;
        if (ix < 0x3e400000) {                           // |x| < 2^-27
            return x;
        }
        double z = x * x;
        double v = z * x;
        double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
        if (!hasTail) {
            return x + v * (S1 + z * r);
        }
        return x - ((z * (0.5 * y - v * r) - y) - v * S1);
    }

    /** cos(x + y) on [-π/4, π/4]; y is the tail of x. */
    private static double kernelCos(double x, double y) {
        int ix = highWord(x) & 0x7fffffff;
        if (ix < 0x3e400000) {                           // |x| < 2^-27
            return 1.0;
        }
        double z = x * x;
        double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
        if (ix < 0x3FD33333) {                           // |x| < 0.3
            return 1.0 - (0.5 * z - (z * r - x * y));
        }
        double qx = ix > 0x3fe90000                      // x > 0.78125
                ? 0.28125
                : Double.longBitsToDouble((long) (ix - 0x00200000) << 32);  // |x|/4, low word 0
        double hz = 0.5 * z - qx;
        double a = 1.0 - qx;
        return a - (hz - (z * r - x * y));
    }

    private static int highWord(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 32);
    }
}
