package io.paddock.trainer.nn;

/**
 * The three matrix products of a linear layer, all row-major and all in "axpy" form (a scalar
 * times a row added to a row), so every output element accumulates in one fixed ascending order
 * whatever the JIT vectorizes. Plain Java float arithmetic: no FMA.
 */
public final class MatMul {
    /** Rows of the input handled together in {@link #backwardWeight}, to keep them in cache. */
    private static final int ROW_BLOCK = 16;

    private MatMul() {
    }

    /**
     * {@code y[n×m] = x[n×k] · wT[k×m]}, i.e. {@code y[i][r] = Σ_c W[r][c] x[i][c]} with
     * {@code wT} the transposed weight; accumulation in ascending c. Overwrites y.
     */
    public static void forward(float[] x, int n, int k, float[] wT, int m, float[] y) {
        for (int i = 0; i < n; i++) {
            int yOff = i * m;
            int xOff = i * k;
            for (int j = 0; j < m; j++) {
                y[yOff + j] = 0f;
            }
            for (int c = 0; c < k; c++) {
                float a = x[xOff + c];
                if (a == 0f) {
                    continue;
                }
                int wOff = c * m;
                for (int j = 0; j < m; j++) {
                    y[yOff + j] += a * wT[wOff + j];
                }
            }
        }
    }

    /** {@code dx[n×k] += dy[n×m] · w[m×k]}: the gradient of the layer input; ascending r. */
    public static void backwardInput(float[] dy, int n, int m, float[] w, int k, float[] dx) {
        for (int i = 0; i < n; i++) {
            int dxOff = i * k;
            int dyOff = i * m;
            for (int r = 0; r < m; r++) {
                float a = dy[dyOff + r];
                if (a == 0f) {
                    continue;
                }
                int wOff = r * k;
                for (int c = 0; c < k; c++) {
                    dx[dxOff + c] += a * w[wOff + c];
                }
            }
        }
    }

    /** {@code dw[m×k] += dy[n×m]ᵀ · x[n×k]}: the gradient of the weight; ascending i. */
    public static void backwardWeight(float[] dy, int n, int m, float[] x, int k, float[] dw) {
        for (int i0 = 0; i0 < n; i0 += ROW_BLOCK) {
            int i1 = Math.min(n, i0 + ROW_BLOCK);
            for (int r = 0; r < m; r++) {
                int wOff = r * k;
                for (int i = i0; i < i1; i++) {
                    float a = dy[i * m + r];
                    if (a == 0f) {
                        continue;
                    }
                    int xOff = i * k;
                    for (int c = 0; c < k; c++) {
                        dw[wOff + c] += a * x[xOff + c];
                    }
                }
            }
        }
    }
}
