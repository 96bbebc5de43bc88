package io.paddock.runtime.math;

/**
 * log-softmax built from C9 (used for teacher-forced log-likelihood, C11):
 * {@code max} over the logits in ascending order, {@code sum} = C9 striped Σ exp(l − max),
 * {@code logp = (l − max) − log(sum)}, all in float with Paddock's own exp and log.
 */
public final class LogSoftmax {
    private LogSoftmax() {
    }

    /** log p(token) under softmax of {@code logits[0 .. n)}. */
    public static float at(float[] logits, int n, int token) {
        if (n <= 0 || token < 0 || token >= n) {
            throw new IllegalArgumentException("token " + token + " outside [0, " + n + ")");
        }
        float max = logits[0];
        for (int i = 1; i < n; i++) {
            if (logits[i] > max) {
                max = logits[i];
            }
        }
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        int j = 0;
        for (; j + 8 <= n; j += 8) {
            a0 += PaddockMath.exp(logits[j] - max);
            a1 += PaddockMath.exp(logits[j + 1] - max);
            a2 += PaddockMath.exp(logits[j + 2] - max);
            a3 += PaddockMath.exp(logits[j + 3] - max);
            a4 += PaddockMath.exp(logits[j + 4] - max);
            a5 += PaddockMath.exp(logits[j + 5] - max);
            a6 += PaddockMath.exp(logits[j + 6] - max);
            a7 += PaddockMath.exp(logits[j + 7] - max);
        }
        if (j < n) a0 += PaddockMath.exp(logits[j] - max);
        if (j + 1 < n) a1 += PaddockMath.exp(logits[j + 1] - max);
        if (j + 2 < n) a2 += PaddockMath.exp(logits[j + 2] - max);
        if (j + 3 < n) a3 += PaddockMath.exp(logits[j + 3] - max);
        if (j + 4 < n) a4 += PaddockMath.exp(logits[j + 4] - max);
        if (j + 5 < n) a5 += PaddockMath.exp(logits[j + 5] - max);
        if (j + 6 < n) a6 += PaddockMath.exp(logits[j + 6] - max);
        float sum = ((a0 + a4) + (a2 + a6)) + ((a1 + a5) + (a3 + a7));
        return (logits[token] - max) - PaddockMath.log(sum);
    }
}
