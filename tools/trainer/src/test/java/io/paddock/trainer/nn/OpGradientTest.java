package io.paddock.trainer.nn;

import io.paddock.protocol.random.XorShift64;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each op's backward against central finite differences of the scalar probe
 * {@code L = Σ c_i·y_i} (random c), input by input.
 */
class OpGradientTest {
    private static final float H = 1e-2f;

    @Test
    void rmsNormInputAndWeight() {
        XorShift64 rng = new XorShift64(11);
        int n = 12;
        float[] x = random(rng, n, 1f);
        float[] w = random(rng, n, 1f);
        float[] c = random(rng, n, 1f);
        float eps = 1e-5f;
        Function<float[][], Double> loss = in -> {
            float[] y = new float[n];
            RmsNorm.forward(in[0], 0, in[1], y, 0, n, eps);
            return probe(c, y);
        };
        float[] y = new float[n];
        float inv = RmsNorm.forward(x, 0, w, y, 0, n, eps);
        float[] dx = new float[n];
        float[] dw = new float[n];
        RmsNorm.backward(c, 0, x, 0, w, inv, n, dx, 0, dw);
        check("rmsnorm dx", loss, new float[][] {x, w}, 0, dx);
        check("rmsnorm dw", loss, new float[][] {x, w}, 1, dw);
    }

    @Test
    void ropeIsAnOrthogonalRotation() {
        XorShift64 rng = new XorShift64(12);
        int heads = 2;
        int headDim = 8;
        int n = heads * headDim;
        Rope rope = new Rope(32, headDim, 10000f);
        float[] x = random(rng, n, 1f);
        float[] c = random(rng, n, 1f);
        int pos = 13;
        Function<float[][], Double> loss = in -> {
            float[] y = in[0].clone();
            rope.forward(y, 0, heads, pos);
            return probe(c, y);
        };
        float[] dx = c.clone();
        rope.backward(dx, 0, heads, pos);
        check("rope dx", loss, new float[][] {x}, 0, dx);
        float[] back = x.clone();
        rope.forward(back, 0, heads, pos);
        rope.backward(back, 0, heads, pos);
        for (int i = 0; i < n; i++) {
            assertThat(back[i]).as("rope then its transpose, element %d", i).isCloseTo(x[i],
                    org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void attentionQueriesKeysValues() {
        XorShift64 rng = new XorShift64(13);
        int heads = 2;
        int headDim = 4;
        int dim = heads * headDim;
        int s0 = 2;
        int t = 5;
        int rows = s0 + t;
        float[] q = random(rng, rows * dim, 1f);
        float[] k = random(rng, rows * dim, 1f);
        float[] v = random(rng, rows * dim, 1f);
        float[] c = random(rng, rows * dim, 1f);
        for (int i = 0; i < s0 * dim; i++) {
            c[i] = 0f;                              // rows before the sequence are not its output
        }
        Function<float[][], Double> loss = in -> {
            float[] out = new float[rows * dim];
            float[] att = new float[heads * t * t];
            Attention.forward(in[0], in[1], in[2], s0, t, heads, headDim, att, 0, out);
            return probe(c, out);
        };
        float[] out = new float[rows * dim];
        float[] att = new float[heads * t * t];
        Attention.forward(q, k, v, s0, t, heads, headDim, att, 0, out);
        float[] dq = new float[rows * dim];
        float[] dk = new float[rows * dim];
        float[] dv = new float[rows * dim];
        Attention.backward(q, k, v, s0, t, heads, headDim, att, 0, c, dq, dk, dv, new float[t]);
        float[][] in = {q, k, v};
        check("attention dq", loss, in, 0, dq);
        check("attention dk", loss, in, 1, dk);
        check("attention dv", loss, in, 2, dv);
    }

    @Test
    void swiGluGateAndUp() {
        XorShift64 rng = new XorShift64(14);
        int n = 16;
        float[] a = random(rng, n, 3f);
        float[] b = random(rng, n, 1f);
        float[] c = random(rng, n, 1f);
        Function<float[][], Double> loss = in -> {
            float[] m = new float[n];
            SwiGlu.forward(in[0], in[1], m, n);
            return probe(c, m);
        };
        float[] da = new float[n];
        float[] db = new float[n];
        SwiGlu.backward(a, b, c, da, db, n);
        check("swiglu da", loss, new float[][] {a, b}, 0, da);
        check("swiglu db", loss, new float[][] {a, b}, 1, db);
    }

    @Test
    void matMulInputAndWeight() {
        XorShift64 rng = new XorShift64(15);
        int n = 3;
        int k = 5;
        int m = 4;
        float[] x = random(rng, n * k, 1f);
        float[] w = random(rng, m * k, 1f);
        float[] c = random(rng, n * m, 1f);
        Function<float[][], Double> loss = in -> {
            float[] y = new float[n * m];
            MatMul.forward(in[0], n, k, transpose(in[1], m, k), m, y);
            return probe(c, y);
        };
        float[] dx = new float[n * k];
        float[] dw = new float[m * k];
        MatMul.backwardInput(c, n, m, w, k, dx);
        MatMul.backwardWeight(c, n, m, x, k, dw);
        check("matmul dx", loss, new float[][] {x, w}, 0, dx);
        check("matmul dw", loss, new float[][] {x, w}, 1, dw);
    }

    @Test
    void crossEntropy() {
        XorShift64 rng = new XorShift64(16);
        int n = 9;
        float[] logits = random(rng, n, 2f);
        Function<float[][], Double> loss = in -> CrossEntropy.lossAndGradient(in[0], 0, n, 4, 0f, null);
        float[] grad = new float[n];
        CrossEntropy.lossAndGradient(logits, 0, n, 4, 1f, grad);
        check("cross-entropy", loss, new float[][] {logits}, 0, grad);
    }

    static float[] transpose(float[] w, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = w[r * cols + c];
            }
        }
        return t;
    }

    static float[] random(XorShift64 rng, int n, float amplitude) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (rng.nextFloat() * 2f - 1f) * amplitude;
        }
        return v;
    }

    private static double probe(float[] c, float[] y) {
        double s = 0;
        for (int i = 0; i < c.length; i++) {
            s += (double) c[i] * y[i];
        }
        return s;
    }

    /** Compares {@code analytic} with central differences over every element of input {@code which}. */
    private static void check(String what, Function<float[][], Double> loss, float[][] inputs, int which,
                              float[] analytic) {
        float[] x = inputs[which];
        for (int i = 0; i < x.length; i++) {
            float keep = x[i];
            x[i] = keep + H;
            double up = loss.apply(inputs);
            x[i] = keep - H;
            double down = loss.apply(inputs);
            x[i] = keep;
            double numeric = (up - down) / (2 * H);
            assertThat((double) analytic[i]).as("%s element %d", what, i)
                    .isCloseTo(numeric, org.assertj.core.data.Offset.offset(2e-3 + 1e-2 * Math.abs(numeric)));
        }
    }
}
