package io.paddock.vector;

import jdk.incubator.vector.FloatVector;

import java.util.Arrays;

/**
 * The input of {@link Q4TileRows}, prepared: for each column {@code c}, eight copies of
 * {@code x[c]·2^-p} where {@code p} is the bit position its nibble is decoded at. One instance per
 * thread; it keeps a copy of the input it was prepared from, so the chunks of one parallel product
 * (and the q/k/v or gate/up products of one input) prepare it once per thread, not once per chunk.
 * Reuse is decided by comparing values, never by array identity, so an input array rewritten in
 * place is always prepared again.
 */
final class Q4TileInput {
    /** {@code 2^-p} for column {@code 8g+m}: nibbles 0..4 sit at {@code p = 4m}, nibbles 5..7 at {@code 4m - 12}. */
    private static final float[] INPUT_SCALE = {1f, 0x1p-4f, 0x1p-8f, 0x1p-12f, 0x1p-16f, 0x1p-8f, 0x1p-12f, 0x1p-16f};
    /** Below this magnitude {@code x·2^-16} may be subnormal and inexact. */
    private static final float SMALLEST_EXACT = 0x1p-109f;

    private float[] source = new float[0];
    private float[] scaled = new float[0];
    private int cols = -1;
    private boolean exact;

    /**
     * Prepares for {@code x[0 .. cols)} unless this instance already holds exactly those values.
     * Returns false if some nonzero value is too small to scale exactly (the tiled kernel then
     * must not be used).
     */
    boolean prepare(float[] x, int cols) {
        if (cols == this.cols && Arrays.equals(x, 0, cols, source, 0, cols)) {
            return exact;
        }
        if (source.length < cols) {
            source = new float[cols];
            scaled = new float[cols * 8];
        }
        System.arraycopy(x, 0, source, 0, cols);
        this.cols = cols;
        exact = true;
        for (int c = 0; c < cols; c++) {
            float v = x[c];
            if (Math.abs(v) < SMALLEST_EXACT && v != 0f) {
                exact = false;
                break;
            }
            FloatVector.broadcast(Lanes.F, v * INPUT_SCALE[c & 7]).intoArray(scaled, c << 3);
        }
        return exact;
    }

    /** The prepared values: {@code scaled()[8c .. 8c+8)} for column {@code c}. */
    float[] scaled() {
        return scaled;
    }
}
