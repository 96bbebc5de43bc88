package io.paddock.trainer.nn;

/**
 * RMSNorm on one row: {@code inv = 1 / sqrt(Σx²/n + eps)}, {@code y = x · inv · w}; and its
 * gradient {@code dx = inv·(dy∘w) − (inv³/n)·(Σ (dy∘w)·x)·x}, {@code dw += dy·x·inv}.
 */
public final class RmsNorm {
    private RmsNorm() {
    }

    /** Writes {@code y[yOff..+n]} and returns {@code inv}. */
    public static float forward(float[] x, int xOff, float[] w, float[] y, int yOff, int n, float eps) {
        double ss = 0;
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            ss += v * v;
        }
        float inv = (float) (1.0 / Math.sqrt(ss / n + eps));
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (x[xOff + i] * inv) * w[i];
        }
        return inv;
    }

    /**
     * Adds the gradient of the input to {@code dx[dxOff..]} and (if {@code dw} is not null) of the
     * weight to {@code dw}, given {@code dy} and the forward's {@code x} and {@code inv}.
     */
    public static void backward(float[] dy, int dyOff, float[] x, int xOff, float[] w, float inv, int n,
                                float[] dx, int dxOff, float[] dw) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += dy[dyOff + i] * w[i] * x[xOff + i];
        }
        float k = (float) (s * inv * inv * inv / n);
        for (int i = 0; i < n; i++) {
            float g = dy[dyOff + i];
            float xi = x[xOff + i];
            dx[dxOff + i] += inv * (g * w[i]) - k * xi;
            if (dw != null) {
                dw[i] += g * xi * inv;
            }
        }
    }
}
