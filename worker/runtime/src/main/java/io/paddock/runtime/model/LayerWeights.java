package io.paddock.runtime.model;

import io.paddock.protocol.slm.TensorData;

/**
 * One transformer block's weights, read-only references into the model package (no copies;
 * quantized tensors stay in their stored form). Shapes are {@code [rows, cols]} =
 * {@code [output features, input features]}.
 *
 * @param attnNorm  (dim)            pre-attention RMSNorm scale
 * @param wq        (dim, dim)       query projection
 * @param wk        (kvDim, dim)     key projection
 * @param wv        (kvDim, dim)     value projection
 * @param wo        (dim, dim)       attention output projection
 * @param ffnNorm   (dim)            pre-FFN RMSNorm scale
 * @param w1        (ffnDim, dim)    SwiGLU gate
 * @param w2        (dim, ffnDim)    down projection
 * @param w3        (ffnDim, dim)    SwiGLU up
 */
public record LayerWeights(
        TensorData attnNorm,
        TensorData wq,
        TensorData wk,
        TensorData wv,
        TensorData wo,
        TensorData ffnNorm,
        TensorData w1,
        TensorData w2,
        TensorData w3) {
}
