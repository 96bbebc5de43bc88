package io.paddock.trainer.optim;

/**
 * Adam(W) settings: peak learning rate, linear warmup over {@code warmupSteps}, cosine decay to
 * {@code lr · minLrRatio} at the last step, decoupled weight decay (matrices only), global
 * gradient-norm clipping ({@code clip ≤ 0} disables it).
 */
public record AdamConfig(float lr, float minLrRatio, int warmupSteps, float beta1, float beta2, float eps,
                         float weightDecay, float clip) {
    public AdamConfig {
        if (!(lr > 0) || !(minLrRatio >= 0 && minLrRatio <= 1) || warmupSteps < 0 || !(beta1 >= 0 && beta1 < 1)
                || !(beta2 >= 0 && beta2 < 1) || !(eps > 0) || !(weightDecay >= 0) || Float.isNaN(clip)) {
            throw new IllegalArgumentException("invalid optimizer settings: " + this);
        }
    }

    /** lr, min ratio 0.1, warmup, betas 0.9/0.98, eps 1e-8, weight decay, clip 1. */
    public static AdamConfig of(float lr, int warmupSteps, float weightDecay) {
        return new AdamConfig(lr, 0.1f, warmupSteps, 0.9f, 0.98f, 1e-8f, weightDecay, 1f);
    }
}
