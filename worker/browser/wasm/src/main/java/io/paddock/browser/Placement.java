package io.paddock.browser;

/**
 * Where one tensor's stored form lies in linear memory, for the SIMD kernels: the payload
 * (f32 values, q8_0 bytes or q4_0 packed nibbles, row-major) and the scale array (q8_0: one f32
 * per row; q4_0: one per block, row-major; f32: unused, 0).
 *
 * @param block   the block holding both (kept alive by this placement)
 * @param payload payload address
 * @param scales  scale array address (0 for f32)
 */
public record Placement(LinearBlock block, int payload, int scales) {
}
