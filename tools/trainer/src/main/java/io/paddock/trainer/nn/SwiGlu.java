package io.paddock.trainer.nn;

import io.paddock.runtime.math.PaddockMath;

/**
 * SwiGLU: {@code m = silu(a) · b} with {@code silu(z) = z·σ(z)}; gradient
 * {@code da = dm·b·σ(a)(1 + a(1−σ(a)))}, {@code db = dm·silu(a)}.
 */
public final class SwiGlu {
    private SwiGlu() {
    }

    public static void forward(float[] a, float[] b, float[] m, int count) {
        for (int i = 0; i < count; i++) {
            float z = a[i];
            m[i] = (z / (1f + PaddockMath.exp(-z))) * b[i];
        }
    }

    /** Writes (not adds) {@code da} and {@code db}. */
    public static void backward(float[] a, float[] b, float[] dm, float[] da, float[] db, int count) {
        for (int i = 0; i < count; i++) {
            float z = a[i];
            float sig = 1f / (1f + PaddockMath.exp(-z));
            float silu = z * sig;
            float g = dm[i];
            da[i] = g * b[i] * (sig * (1f + z * (1f - sig)));
            db[i] = g * silu;
        }
    }
}
