package io.paddock.trainer.nn;

import io.paddock.trainer.model.Param;
import io.paddock.trainer.model.ParamSet;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Gradient buffers for the wanted tensors of a {@link ParamSet} (the others are frozen: the
 * network skips their weight gradients but still propagates through them).
 */
public final class Grads {
    private final List<Param> params;
    private final Map<Param, float[]> buffers = new IdentityHashMap<>();
    private final float[][] ordered;

    public Grads(ParamSet set, Predicate<Param> wanted) {
        this.params = set.all();
        this.ordered = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            if (wanted.test(p)) {
                ordered[i] = new float[p.size()];
                buffers.put(p, ordered[i]);
            }
        }
    }

    /** Gradients for every tensor. */
    public static Grads all(ParamSet set) {
        return new Grads(set, p -> true);
    }

    /** The buffer of {@code p}, or null when {@code p} is frozen. */
    public float[] of(Param p) {
        return buffers.get(p);
    }

    /** The buffer of the i-th tensor in C3 order, or null when frozen. */
    public float[] at(int i) {
        return ordered[i];
    }

    public int count() {
        return ordered.length;
    }

    public void zero() {
        for (float[] g : ordered) {
            if (g != null) {
                java.util.Arrays.fill(g, 0f);
            }
        }
    }

    /** {@code this += other}, element by element (same set and the same wanted tensors). */
    public void add(Grads other) {
        for (int i = 0; i < ordered.length; i++) {
            float[] a = ordered[i];
            float[] b = other.ordered[i];
            if (a != null) {
                for (int j = 0; j < a.length; j++) {
                    a[j] += b[j];
                }
            }
        }
    }

    /** Σ g² over every wanted tensor, in C3 order (double). */
    public double sumOfSquares() {
        double s = 0;
        for (float[] g : ordered) {
            if (g != null) {
                for (float v : g) {
                    s += (double) v * v;
                }
            }
        }
        return s;
    }

    /** Multiplies every wanted gradient by {@code factor}. */
    public void scale(float factor) {
        for (float[] g : ordered) {
            if (g != null) {
                for (int j = 0; j < g.length; j++) {
                    g[j] *= factor;
                }
            }
        }
    }
}
