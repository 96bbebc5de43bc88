package io.paddock.trainer.nn;

import io.paddock.trainer.data.Shard;
import io.paddock.trainer.model.ModelShape;

/**
 * The workspace of one network pass: every activation the backward pass needs, per layer, and
 * the gradient scratch. Grown on demand to the largest shard seen, then reused. One per thread.
 */
public final class Activations {
    final ModelShape shape;
    int rowCapacity;
    int targetCapacity;
    int attCapacity;

    /** Residual stream entering layer l (index layers = the final residual). */
    float[][] x;
    float[][] inv1;
    float[][] h1;
    float[][] q;
    float[][] k;
    float[][] v;
    float[][] att;
    float[][] ao;
    float[][] xMid;
    float[][] inv2;
    float[][] h2;
    float[][] a;
    float[][] b;
    float[][] m;
    float[] invFinal;
    float[] hFinal;
    float[] logits;
    int[] attOffsets;

    // gradient scratch
    float[] dx;
    float[] dh;
    float[] dq;
    float[] dk;
    float[] dv;
    float[] dao;
    float[] dm;
    float[] da;
    float[] db;
    float[] dhFinal;
    float[] dlogits;
    float[] tmp;
    float[] attScratch;

    public Activations(ModelShape shape) {
        this.shape = shape;
    }

    /** Makes room for {@code shard} and computes its attention offsets. */
    void fit(Shard shard) {
        int n = shard.rows();
        int t = shard.targetCount();
        int heads = shape.heads();
        if (attOffsets == null || attOffsets.length < shard.sequences() + 1) {
            attOffsets = new int[shard.sequences() + 1];
        }
        int att = 0;
        for (int s = 0; s < shard.sequences(); s++) {
            attOffsets[s] = att;
            int len = shard.length(s);
            att += heads * len * len;
        }
        attOffsets[shard.sequences()] = att;
        if (n > rowCapacity || t > targetCapacity || att > attCapacity || attScratch == null
                || attScratch.length < shard.maxLength()) {
            allocate(Math.max(n, rowCapacity), Math.max(t, targetCapacity), Math.max(att, attCapacity),
                    Math.max(shard.maxLength(), attScratch == null ? 0 : attScratch.length));
        }
    }

    private void allocate(int rows, int targets, int attFloats, int maxLength) {
        int layers = shape.layers();
        int d = shape.dim();
        int f = shape.ffn();
        rowCapacity = rows;
        targetCapacity = targets;
        attCapacity = attFloats;
        x = matrices(layers + 1, rows * d);
        inv1 = matrices(layers, rows);
        h1 = matrices(layers, rows * d);
        q = matrices(layers, rows * d);
        k = matrices(layers, rows * d);
        v = matrices(layers, rows * d);
        att = matrices(layers, attFloats);
        ao = matrices(layers, rows * d);
        xMid = matrices(layers, rows * d);
        inv2 = matrices(layers, rows);
        h2 = matrices(layers, rows * d);
        a = matrices(layers, rows * f);
        b = matrices(layers, rows * f);
        m = matrices(layers, rows * f);
        invFinal = new float[targets];
        hFinal = new float[targets * d];
        logits = new float[targets * ModelShape.VOCAB];
        dx = new float[rows * d];
        dh = new float[rows * d];
        dq = new float[rows * d];
        dk = new float[rows * d];
        dv = new float[rows * d];
        dao = new float[rows * d];
        dm = new float[rows * f];
        da = new float[rows * f];
        db = new float[rows * f];
        dhFinal = new float[targets * d];
        dlogits = new float[targets * ModelShape.VOCAB];
        tmp = new float[rows * d];
        attScratch = new float[maxLength];
    }

    private static float[][] matrices(int count, int size) {
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = new float[size];
        }
        return out;
    }

    /** The logits of the scored rows of the last forward pass ({@code targets × 260}). */
    public float[] logits() {
        return logits;
    }
}
