package io.paddock.runtime.math;

/**
 * The C9 reduction of a vector to a scalar: 8 striped partial sums {@code acc[j % 8]} in
 * ascending j, then {@code ((a0+a4)+(a2+a6)) + ((a1+a5)+(a3+a7))}. Dot products use the same
 * order ({@code ScalarKernels.dotF32}); this is the plain sum (softmax totals).
 */
public final class Striped {
    private Striped() {
    }

    /** C9 striped Σ {@code a[off .. off+n)}. */
    public static float sum(float[] a, int off, int n) {
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        int j = 0;
        for (; j + 8 <= n; j += 8) {
            a0 += a[off + j];
            a1 += a[off + j + 1];
            a2 += a[off + j + 2];
            a3 += a[off + j + 3];
            a4 += a[off + j + 4];
            a5 += a[off + j + 5];
            a6 += a[off + j + 6];
            a7 += a[off + j + 7];
        }
        // the tail continues the stripes: element j goes to accumulator j % 8
        if (j < n) a0 += a[off + j];
        if (j + 1 < n) a1 += a[off + j + 1];
        if (j + 2 < n) a2 += a[off + j + 2];
        if (j + 3 < n) a3 += a[off + j + 3];
        if (j + 4 < n) a4 += a[off + j + 4];
        if (j + 5 < n) a5 += a[off + j + 5];
        if (j + 6 < n) a6 += a[off + j + 6];
        return ((a0 + a4) + (a2 + a6)) + ((a1 + a5) + (a3 + a7));
    }
}
