package io.paddock.trainer.nn;

import io.paddock.runtime.math.PaddockMath;

/** Softmax cross-entropy of one row of logits against a target id. */
public final class CrossEntropy {
    private CrossEntropy() {
    }

    /**
     * Returns {@code −log softmax(logits)[target]} and, if {@code grad} is not null, writes
     * {@code scale · (softmax − onehot(target))} into {@code grad[off..off+n]}.
     */
    public static double lossAndGradient(float[] logits, int off, int n, int target, float scale, float[] grad) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[off + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += PaddockMath.exp(logits[off + i] - max);
        }
        double logSum = PaddockMath.log(sum) + max;
        if (grad != null) {
            float inv = (float) (1.0 / sum);
            for (int i = 0; i < n; i++) {
                float p = PaddockMath.exp(logits[off + i] - max) * inv;
                grad[off + i] = scale * (i == target ? p - 1f : p);
            }
        }
        return logSum - logits[off + target];
    }
}
