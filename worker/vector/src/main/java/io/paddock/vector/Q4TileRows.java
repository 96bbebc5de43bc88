package io.paddock.vector;

import io.paddock.protocol.slm.TensorData;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * q4_0 rows from {@link Q4Tiles}, eight rows per vector: lane {@code r} is row {@code r} of a tile,
 * so the C9 stripes of all eight rows are eight accumulator vectors ({@code a[m]} takes the
 * columns {@code ≡ m mod 8}, in ascending order), and each block's reduction
 * {@code ((a0+a4)+(a2+a6)) + ((a1+a5)+(a3+a7))}, its scale and the ascending sum over blocks are
 * plain lane-wise operations — the scalar reference's exact operands, row by row.
 *
 * <p>Decoding needs no conversion: the nibble {@code u = q + 8} of column {@code 8g+m}, masked in
 * place at bit {@code p} and ORed into the bits of {@code 2^23}, is the float {@code 2^23 + u·2^p};
 * adding {@code -(2^23 + 8·2^p)} leaves {@code q·2^p} exactly. Nibbles 5..7 are first shifted
 * down by 12 bits so that every {@code p} is at most 16. The input is prepared once per thread
 * and input as eight copies of {@code x[c]·2^-p} ({@link Q4TileInput}), so each product
 * {@code q·2^p · x·2^-p} is the same real number as {@code (float) q · x} and rounds to the same
 * float. That holds while {@code x·2^-p} is exact, i.e. for every {@code x} but nonzero values
 * below {@code 2^-109}; for such inputs {@link #matvec} declines and the caller uses {@link Q4Rows}.
 *
 * <p>The bias is added, not subtracted: the f32 and q8_0 kernels reach the Vector API's shared
 * lane-wise code with ADD and MUL only, and a SUB arriving after C2 has compiled that code traps
 * its type speculation; the recompiled kernel then boxes every vector (measured 15× slower).
 */
final class Q4TileRows {
    /** The bits of the float {@code 2^23}: a nibble ORed below them is an exact integer part. */
    private static final int TWO_POW_23 = 0x4B000000;

    private Q4TileRows() {
    }

    /**
     * Rows {@code [rowStart, rowEnd)} of {@code w}, whose tiled copy is {@code tiles}, into
     * {@code out[outOffset + r]}, with {@code input} (this thread's) prepared from {@code x}; rows
     * outside whole tiles go through {@link Q4Rows}. Returns false, having written nothing, when
     * {@code x} holds a value too small to scale exactly.
     */
    static boolean matvec(Q4Tiles tiles, TensorData.Q4 w, float[] x, Q4TileInput input, float[] out,
                          int outOffset, int rowStart, int rowEnd) {
        if (!input.prepare(x, tiles.cols)) {
            return false;
        }
        int firstTile = Math.min((rowStart + Q4Tiles.TILE_ROWS - 1) / Q4Tiles.TILE_ROWS, tiles.tiles);
        int endTile = Math.max(firstTile, Math.min(rowEnd / Q4Tiles.TILE_ROWS, tiles.tiles));
        int tiledStart = firstTile * Q4Tiles.TILE_ROWS;
        int tiledEnd = endTile * Q4Tiles.TILE_ROWS;
        if (tiledStart >= tiledEnd) {
            Q4Rows.matvec(w, x, out, outOffset, rowStart, rowEnd);
            return true;
        }
        Q4Rows.matvec(w, x, out, outOffset, rowStart, tiledStart);
        for (int t = firstTile; t < endTile; t++) {
            tile(tiles, t, input.scaled(), out, outOffset + t * Q4Tiles.TILE_ROWS);
        }
        Q4Rows.matvec(w, x, out, outOffset, tiledEnd, rowEnd);
        return true;
    }

    private static void tile(Q4Tiles tiles, int t, float[] xs, float[] out, int at) {
        int groupsPerBlock = tiles.blockSize >> 3;
        int nibbleBase = t * tiles.groups * Q4Tiles.TILE_ROWS;
        int scaleBase = t * tiles.blocks * Q4Tiles.TILE_ROWS;
        FloatVector y = FloatVector.zero(Lanes.F);
        for (int b = 0, g = 0; b < tiles.blocks; b++) {
            FloatVector a0 = FloatVector.zero(Lanes.F);
            FloatVector a1 = FloatVector.zero(Lanes.F);
            FloatVector a2 = FloatVector.zero(Lanes.F);
            FloatVector a3 = FloatVector.zero(Lanes.F);
            FloatVector a4 = FloatVector.zero(Lanes.F);
            FloatVector a5 = FloatVector.zero(Lanes.F);
            FloatVector a6 = FloatVector.zero(Lanes.F);
            FloatVector a7 = FloatVector.zero(Lanes.F);
            for (int end = g + groupsPerBlock; g < end; g++) {
                IntVector v = IntVector.fromArray(Lanes.I, tiles.nibbles, nibbleBase + (g << 3));
                IntVector hi = v.lanewise(VectorOperators.LSHR, 12);
                int c = g << 6;
                // written out per column: C2 stops inlining a helper called this often
                a0 = a0.add(((FloatVector) v.lanewise(VectorOperators.AND, 0xF)
                        .lanewise(VectorOperators.OR, TWO_POW_23).reinterpretShape(Lanes.F, 0))
                        .add(-(0x1p23f + 0x1p3f)).mul(FloatVector.fromArray(Lanes.F, xs, c)));
                a1 = a1.add(((FloatVector) v.lanewise(VectorOperators.AND, 0xF0)
                        .lanewise(VectorOperators.OR, TWO_POW_23).reinterpretShape(Lanes.F, 0))
                        .add(-(0x1p23f + 0x1p7f)).mul(FloatVector.fromArray(Lanes.F, xs, c + 8)));
                a2 = a2.add(((FloatVector) v.lanewise(VectorOperators.AND, 0xF00)
                        .lanewise(VectorOperators.OR, TWO_POW_23).reinterpretShape(Lanes.F, 0))
                        .add(-(0x1p23f + 0x1p11f)).mul(FloatVector.fromArray(Lanes.F, xs, c + 16)));
                a3 = a3.add(((FloatVector) v.lanewise(VectorOperators.AND, 0xF000)
                        .lanewise(VectorOperators.OR, TWO_POW_23).reinterpretShape(Lanes.F, 0))
                        .add(-(0x1p23f + 0x1p15f)).mul(FloatVector.fromArray(Lanes.F, xs, c + 24)));
                a4 = a4.add(((FloatVector) v.lanewise(VectorOperators.AND, 0xF0000)
                        .lanewise(VectorOperators.OR, TWO_POW_23).reinterpretShape(Lanes.F, 0))
                        .add(-(0x1p23f + 0x1p19f)).mul(FloatVector.fromArray(Lanes.F, xs, c + 32)));
                a5 = a5.add(((FloatVector) hi.lanewise(VectorOperators.AND, 0xF00)
                        .lanewise(VectorOperators.OR, TWO_POW_23).reinterpretShape(Lanes.F, 0))
                        .add(-(0x1p23f + 0x1p11f)).mul(FloatVector.fromArray(Lanes.F, xs, c + 40)));
                a6 = a6.add(((FloatVector) hi.lanewise(VectorOperators.AND, 0xF000)
                        .lanewise(VectorOperators.OR, TWO_POW_23).reinterpretShape(Lanes.F, 0))
                        .add(-(0x1p23f + 0x1p15f)).mul(FloatVector.fromArray(Lanes.F, xs, c + 48)));
                a7 = a7.add(((FloatVector) hi.lanewise(VectorOperators.AND, 0xF0000)
                        .lanewise(VectorOperators.OR, TWO_POW_23).reinterpretShape(Lanes.F, 0))
                        .add(-(0x1p23f + 0x1p19f)).mul(FloatVector.fromArray(Lanes.F, xs, c + 56)));
            }
            FloatVector s = a0.add(a4).add(a2.add(a6)).add(a1.add(a5).add(a3.add(a7)));
            y = y.add(s.mul(FloatVector.fromArray(Lanes.F, tiles.scales, scaleBase + (b << 3))));
        }
        y.intoArray(out, at);
    }
}
