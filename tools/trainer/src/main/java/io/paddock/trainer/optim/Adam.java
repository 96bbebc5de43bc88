package io.paddock.trainer.optim;

/**
 * Adam with decoupled weight decay over a fixed list of parameter arrays (first and second
 * moments in float). Element-wise, in a fixed order: deterministic.
 */
public final class Adam {
    private final AdamConfig config;
    private final float[][] m;
    private final float[][] v;
    private final boolean[] decay;
    private double beta1Power = 1;
    private double beta2Power = 1;
    private int steps;

    /**
     * @param sizes  the length of each parameter array
     * @param decay  whether weight decay applies to each (matrices yes, norm weights no)
     */
    public Adam(AdamConfig config, int[] sizes, boolean[] decay) {
        this.config = config;
        this.m = new float[sizes.length][];
        this.v = new float[sizes.length][];
        this.decay = decay.clone();
        for (int i = 0; i < sizes.length; i++) {
            m[i] = new float[sizes[i]];
            v[i] = new float[sizes[i]];
        }
    }

    /**
     * One update with learning rate {@code lr}: clipping is the caller's ({@link #clipFactor}).
     * {@code grads[i]} may be null for a frozen array (left untouched).
     */
    public void step(float[][] values, float[][] grads, float lr) {
        steps++;
        beta1Power *= config.beta1();
        beta2Power *= config.beta2();
        float b1 = config.beta1();
        float b2 = config.beta2();
        float c1 = (float) (1.0 / (1.0 - beta1Power));
        float c2 = (float) (1.0 / (1.0 - beta2Power));
        float eps = config.eps();
        for (int i = 0; i < values.length; i++) {
            float[] g = grads[i];
            if (g == null) {
                continue;
            }
            float[] w = values[i];
            float[] mi = m[i];
            float[] vi = v[i];
            float wd = decay[i] ? config.weightDecay() * lr : 0f;
            for (int j = 0; j < w.length; j++) {
                float gj = g[j];
                float mj = b1 * mi[j] + (1f - b1) * gj;
                float vj = b2 * vi[j] + (1f - b2) * (gj * gj);
                mi[j] = mj;
                vi[j] = vj;
                float update = (mj * c1) / ((float) Math.sqrt(vj * c2) + eps);
                w[j] = w[j] - lr * update - wd * w[j];
            }
        }
    }

    /** Updates taken so far. */
    public int steps() {
        return steps;
    }

    /** The factor that brings a gradient of norm {@code norm} within {@code clip} (1 if it already is). */
    public static float clipFactor(double norm, float clip) {
        if (clip <= 0 || !(norm > clip)) {
            return 1f;
        }
        return (float) (clip / norm);
    }
}
