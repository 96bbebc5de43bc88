package io.paddock.runtime.model;

/**
 * The one preallocated run state of the forward pass (llama2.c's RunState): activations, the
 * KV cache and the logits, sized once from a {@link ModelConfig}. The forward pass writes only
 * here. A state is reusable across models of the same shape ({@link #fits}); it is not thread-safe.
 */
public final class State {
    final ModelConfig config;
    final float[] x;      // (dim)          residual stream
    final float[] xb;     // (dim)          normed input, attention output, FFN output
    final float[] xb2;    // (dim)          attention output projection
    final float[] hb;     // (ffnDim)       SwiGLU gate, then silu(gate) * up
    final float[] hb2;    // (ffnDim)       SwiGLU up
    final float[] q;      // (dim)          query
    final float[] k;      // (kvDim)        key at the current position
    final float[] v;      // (kvDim)        value at the current position
    final float[] att;    // (heads, maxContext)  attention scores, then weights
    final float[] logits; // (vocab)
    final float[][] keyCache;    // [layer][pos * kvDim + kvHead * headDim + d]
    final float[][] valueCache;  // [layer][pos * kvDim + kvHead * headDim + d]
    final RopeTable rope;
    final float attentionScale;  // sqrt((float) headDim), in float
    int kvLength;

    public State(ModelConfig config) {
        this.config = config;
        this.x = new float[config.dim()];
        this.xb = new float[config.dim()];
        this.xb2 = new float[config.dim()];
        this.hb = new float[config.ffnDim()];
        this.hb2 = new float[config.ffnDim()];
        this.q = new float[config.dim()];
        this.k = new float[config.kvDim()];
        this.v = new float[config.kvDim()];
        this.att = new float[config.heads() * config.maxContext()];
        this.logits = new float[config.vocabSize()];
        this.keyCache = new float[config.layers()][config.maxContext() * config.kvDim()];
        this.valueCache = new float[config.layers()][config.maxContext() * config.kvDim()];
        this.rope = new RopeTable(config.maxContext(), config.headDim(), config.ropeTheta());
        this.attentionScale = (float) Math.sqrt((float) config.headDim());
    }

    public ModelConfig config() {
        return config;
    }

    /** Committed KV-cache positions: the position the next token is fed at. */
    public int kvLength() {
        return kvLength;
    }

    /** Forgets the sequence (KV length 0) without freeing anything. */
    public void reset() {
        kvLength = 0;
    }

    /** The logits of the last forward step: a live view, overwritten by the next step. */
    public float[] logits() {
        return logits;
    }

    /** Whether this state serves a model with config {@code other} (same shape and RoPE base). */
    public boolean fits(ModelConfig other) {
        return config.sameStateShape(other);
    }

    /** Bytes held: scratch, KV cache, logits and RoPE table (allocated once, so also the peak). */
    public long peakScratchBytes() {
        long floats = (long) x.length + xb.length + xb2.length + hb.length + hb2.length + q.length + k.length
                + v.length + att.length + logits.length + rope.cos.length + rope.sin.length;
        for (int l = 0; l < keyCache.length; l++) {
            floats += keyCache[l].length + valueCache[l].length;
        }
        return 4 * floats;
    }
}
