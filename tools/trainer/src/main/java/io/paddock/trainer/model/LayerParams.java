package io.paddock.trainer.model;

/** The nine tensors of one transformer block, in C3 order. */
public record LayerParams(Param attnNorm, Param wq, Param wk, Param wv, Param wo,
                          Param ffnNorm, Param w1, Param w2, Param w3) {
}
