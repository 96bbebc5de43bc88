package io.paddock.trainer.optim;

import io.paddock.runtime.math.PaddockMath;

/** Linear warmup, then cosine decay to {@code lr · minLrRatio} at the last step (steps count from 1). */
public final class LrSchedule {
    private LrSchedule() {
    }

    public static float at(AdamConfig c, int step, int totalSteps) {
        if (step <= c.warmupSteps()) {
            return c.lr() * step / c.warmupSteps();
        }
        int decaySteps = Math.max(1, totalSteps - c.warmupSteps());
        double progress = Math.min(1.0, (double) (step - c.warmupSteps()) / decaySteps);
        double min = c.lr() * (double) c.minLrRatio();
        return (float) (min + (c.lr() - min) * 0.5 * (1.0 + PaddockMath.cos(Math.PI * progress)));
    }
}
