package io.paddock.trainer.nn;

import io.paddock.trainer.data.Shard;
import io.paddock.trainer.model.LayerParams;
import io.paddock.trainer.model.ModelShape;
import io.paddock.trainer.model.Param;
import io.paddock.trainer.model.ParamSet;

import java.util.Arrays;

/**
 * The runtime's forward pass (reference §8) over a packed {@link Shard}, all positions at once,
 * and its exact backward pass. Per layer: RMSNorm → q, k, v → RoPE → causal attention → wo →
 * residual → RMSNorm → SwiGLU (w1 gate, w3 up, w2 down) → residual; then the final RMSNorm and
 * the untied output, evaluated only on the scored rows. Stateless: activations live in the
 * {@link Activations} passed in, so one network serves every thread.
 */
public final class Network {
    private final ModelShape shape;
    private final Rope rope;

    public Network(ModelShape shape) {
        this.shape = shape;
        this.rope = new Rope(shape.context(), shape.headDim(), shape.ropeTheta());
    }

    public ModelShape shape() {
        return shape;
    }

    /** Runs the forward pass and returns the summed loss (nats) over the scored rows. */
    public double forward(ParamSet p, Shard s, Activations act) {
        act.fit(s);
        checkContext(s);
        int n = s.rows();
        int d = shape.dim();
        int f = shape.ffn();
        int heads = shape.heads();
        int hd = shape.headDim();
        float eps = shape.rmsEps();

        // token embeddings
        float[] emb = p.embed().value();
        float[] x0 = act.x[0];
        for (int i = 0; i < n; i++) {
            System.arraycopy(emb, s.tokens()[i] * d, x0, i * d, d);
        }

        for (int l = 0; l < shape.layers(); l++) {
            LayerParams lp = p.layer(l);
            float[] x = act.x[l];

            // attention rmsnorm
            for (int i = 0; i < n; i++) {
                act.inv1[l][i] = RmsNorm.forward(x, i * d, lp.attnNorm().value(), act.h1[l], i * d, d, eps);
            }
            // q, k, v projections, then RoPE on q and k
            MatMul.forward(act.h1[l], n, d, lp.wq().transposed(), d, act.q[l]);
            MatMul.forward(act.h1[l], n, d, lp.wk().transposed(), d, act.k[l]);
            MatMul.forward(act.h1[l], n, d, lp.wv().transposed(), d, act.v[l]);
            for (int i = 0; i < n; i++) {
                rope.forward(act.q[l], i * d, heads, s.positions()[i]);
                rope.forward(act.k[l], i * d, heads, s.positions()[i]);
            }
            // causal attention, sequence by sequence
            for (int k = 0; k < s.sequences(); k++) {
                Attention.forward(act.q[l], act.k[l], act.v[l], s.starts()[k], s.length(k), heads, hd,
                        act.att[l], act.attOffsets[k], act.ao[l]);
            }
            // output projection and residual
            MatMul.forward(act.ao[l], n, d, lp.wo().transposed(), d, act.tmp);
            add(x, act.tmp, act.xMid[l], n * d);

            // ffn rmsnorm
            for (int i = 0; i < n; i++) {
                act.inv2[l][i] = RmsNorm.forward(act.xMid[l], i * d, lp.ffnNorm().value(), act.h2[l], i * d, d, eps);
            }
            // SwiGLU and down projection, residual
            MatMul.forward(act.h2[l], n, d, lp.w1().transposed(), f, act.a[l]);
            MatMul.forward(act.h2[l], n, d, lp.w3().transposed(), f, act.b[l]);
            SwiGlu.forward(act.a[l], act.b[l], act.m[l], n * f);
            MatMul.forward(act.m[l], n, f, lp.w2().transposed(), d, act.tmp);
            add(act.xMid[l], act.tmp, act.x[l + 1], n * d);
        }

        // final rmsnorm and the output, on the scored rows only
        float[] xl = act.x[shape.layers()];
        int t = s.targetCount();
        for (int j = 0; j < t; j++) {
            act.invFinal[j] = RmsNorm.forward(xl, s.targetRows()[j] * d, p.norm().value(), act.hFinal, j * d, d, eps);
        }
        MatMul.forward(act.hFinal, t, d, p.output().transposed(), ModelShape.VOCAB, act.logits);
        double loss = 0;
        for (int j = 0; j < t; j++) {
            loss += CrossEntropy.lossAndGradient(act.logits, j * ModelShape.VOCAB, ModelShape.VOCAB,
                    s.targets()[j], 0f, null);
        }
        return loss;
    }

    /**
     * Forward and backward: adds {@code scale ·} ∂(summed loss)/∂θ to the wanted buffers of
     * {@code g} and returns the summed loss.
     */
    public double lossAndGradient(ParamSet p, Shard s, Activations act, Grads g, float scale) {
        forward(p, s, act);
        int n = s.rows();
        int d = shape.dim();
        int f = shape.ffn();
        int heads = shape.heads();
        int hd = shape.headDim();
        int t = s.targetCount();
        int vocab = ModelShape.VOCAB;

        // loss gradient at the logits
        double loss = 0;
        for (int j = 0; j < t; j++) {
            loss += CrossEntropy.lossAndGradient(act.logits, j * vocab, vocab, s.targets()[j], scale, act.dlogits);
        }
        // output projection
        weightGrad(g, p.output(), act.dlogits, t, vocab, act.hFinal, d);
        Arrays.fill(act.dhFinal, 0, t * d, 0f);
        MatMul.backwardInput(act.dlogits, t, vocab, p.output().value(), d, act.dhFinal);
        // final rmsnorm
        float[] dx = act.dx;
        Arrays.fill(dx, 0, n * d, 0f);
        float[] xl = act.x[shape.layers()];
        for (int j = 0; j < t; j++) {
            int row = s.targetRows()[j] * d;
            RmsNorm.backward(act.dhFinal, j * d, xl, row, p.norm().value(), act.invFinal[j], d, dx, row,
                    g.of(p.norm()));
        }

        for (int l = shape.layers() - 1; l >= 0; l--) {
            LayerParams lp = p.layer(l);

            // down projection (dx is the gradient of the layer output = of xMid through the residual)
            Arrays.fill(act.dm, 0, n * f, 0f);
            MatMul.backwardInput(dx, n, d, lp.w2().value(), f, act.dm);
            weightGrad(g, lp.w2(), dx, n, d, act.m[l], f);
            // SwiGLU, gate and up projections
            SwiGlu.backward(act.a[l], act.b[l], act.dm, act.da, act.db, n * f);
            Arrays.fill(act.dh, 0, n * d, 0f);
            MatMul.backwardInput(act.da, n, f, lp.w1().value(), d, act.dh);
            MatMul.backwardInput(act.db, n, f, lp.w3().value(), d, act.dh);
            weightGrad(g, lp.w1(), act.da, n, f, act.h2[l], d);
            weightGrad(g, lp.w3(), act.db, n, f, act.h2[l], d);
            // ffn rmsnorm, into the residual gradient
            float[] dFfnNorm = g.of(lp.ffnNorm());
            for (int i = 0; i < n; i++) {
                RmsNorm.backward(act.dh, i * d, act.xMid[l], i * d, lp.ffnNorm().value(), act.inv2[l][i], d,
                        dx, i * d, dFfnNorm);
            }

            // attention output projection
            Arrays.fill(act.dao, 0, n * d, 0f);
            MatMul.backwardInput(dx, n, d, lp.wo().value(), d, act.dao);
            weightGrad(g, lp.wo(), dx, n, d, act.ao[l], d);
            // attention
            Arrays.fill(act.dq, 0, n * d, 0f);
            Arrays.fill(act.dk, 0, n * d, 0f);
            Arrays.fill(act.dv, 0, n * d, 0f);
            for (int k = 0; k < s.sequences(); k++) {
                Attention.backward(act.q[l], act.k[l], act.v[l], s.starts()[k], s.length(k), heads, hd,
                        act.att[l], act.attOffsets[k], act.dao, act.dq, act.dk, act.dv, act.attScratch);
            }
            // RoPE
            for (int i = 0; i < n; i++) {
                rope.backward(act.dq, i * d, heads, s.positions()[i]);
                rope.backward(act.dk, i * d, heads, s.positions()[i]);
            }
            // q, k, v projections
            Arrays.fill(act.dh, 0, n * d, 0f);
            MatMul.backwardInput(act.dq, n, d, lp.wq().value(), d, act.dh);
            MatMul.backwardInput(act.dk, n, d, lp.wk().value(), d, act.dh);
            MatMul.backwardInput(act.dv, n, d, lp.wv().value(), d, act.dh);
            weightGrad(g, lp.wq(), act.dq, n, d, act.h1[l], d);
            weightGrad(g, lp.wk(), act.dk, n, d, act.h1[l], d);
            weightGrad(g, lp.wv(), act.dv, n, d, act.h1[l], d);
            // attention rmsnorm, into the residual gradient
            float[] dAttnNorm = g.of(lp.attnNorm());
            for (int i = 0; i < n; i++) {
                RmsNorm.backward(act.dh, i * d, act.x[l], i * d, lp.attnNorm().value(), act.inv1[l][i], d,
                        dx, i * d, dAttnNorm);
            }
        }

        // token embeddings
        float[] dEmb = g.of(p.embed());
        if (dEmb != null) {
            for (int i = 0; i < n; i++) {
                int e = s.tokens()[i] * d;
                for (int c = 0; c < d; c++) {
                    dEmb[e + c] += dx[i * d + c];
                }
            }
        }
        return loss;
    }

    private static void weightGrad(Grads g, Param w, float[] dy, int n, int m, float[] x, int k) {
        float[] dw = g.of(w);
        if (dw != null) {
            MatMul.backwardWeight(dy, n, m, x, k, dw);
        }
    }

    private void checkContext(Shard s) {
        if (s.maxLength() > shape.context()) {
            throw new IllegalArgumentException("a sequence of " + s.maxLength() + " rows exceeds the context "
                    + shape.context());
        }
    }

    private static void add(float[] x, float[] y, float[] out, int count) {
        for (int i = 0; i < count; i++) {
            out[i] = x[i] + y[i];
        }
    }
}
