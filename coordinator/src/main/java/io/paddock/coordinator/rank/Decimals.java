package io.paddock.coordinator.rank;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Number formatting that is the same on every JDK: the exact binary value of the double
 * rounded half-even to a fixed number of decimals (no {@code Double.toString}, whose output
 * changed between JDK 17 and 19+).
 */
public final class Decimals {
    /** Decimals written to JSON and CSV. */
    public static final int EXPORT_SCALE = 6;
    /** The JSON/CSV spelling of +∞ (crowding distance at a front's boundary). */
    public static final String INFINITY = "Infinity";

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Decimals() {
    }

    /** {@code value} rounded half-even to {@code scale} decimals, plain notation, "-0" shown as 0. */
    public static String fixed(double value, int scale) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("cannot format a non-finite number: " + value);
        }
        BigDecimal b = new BigDecimal(value).setScale(scale, RoundingMode.HALF_EVEN);
        if (b.signum() == 0) {
            b = BigDecimal.ZERO.setScale(scale);
        }
        return b.toPlainString();
    }

    /** As {@link #fixed} with a leading "+" for values that do not print negative. */
    public static String signed(double value, int scale) {
        String s = fixed(value, scale);
        return s.startsWith("-") ? s : "+" + s;
    }

    /** As {@link #fixed}, or {@link #INFINITY} for +∞. */
    public static String fixedOrInfinity(double value, int scale) {
        return value == Double.POSITIVE_INFINITY ? INFINITY : fixed(value, scale);
    }

    /** Byte counts for people: "512 B", "1.5 KiB", "4.0 MiB" (binary units, one decimal, half-even). */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        int unit = 0;
        long divisor = 1024;
        while (unit + 1 < UNITS.length && n / divisor >= 1024) {
            divisor *= 1024;
            unit++;
        }
        BigDecimal v = BigDecimal.valueOf(n).divide(BigDecimal.valueOf(divisor), 1, RoundingMode.HALF_EVEN);
        return v.toPlainString() + " " + UNITS[unit];
    }
}
