package io.paddock.vector;

import io.paddock.protocol.io.LittleEndian;
import io.paddock.protocol.slm.TensorData;

/**
 * A q4_0 matrix re-laid for {@link Q4TileRows}: still four bits per weight, the same values,
 * only arranged so that one 256-bit load holds eight rows' nibbles for eight columns.
 *
 * <p>Rows are grouped in tiles of {@link #TILE_ROWS}. For tile {@code t}, column group {@code g}
 * (columns {@code 8g .. 8g+7}) and row {@code r} of the tile, the int at
 * {@code (t·groups + g)·8 + r} holds the eight nibbles of that row's columns, column {@code 8g+m}
 * at bits {@code 4m .. 4m+3}, each in offset binary ({@code nibble + 8}, 0..15) so that a masked
 * nibble ORed into the mantissa of {@code 2^23} is an exact float. Block scales are laid out the
 * same way: {@code (t·blocks + b)·8 + r}. Rows past the last whole tile are not copied; the kernel
 * leaves them to {@link Q4Rows}. Immutable once built.
 */
final class Q4Tiles {
    static final int TILE_ROWS = 8;

    final int cols;
    final int blockSize;
    final int tiles;
    final int groups;
    final int blocks;
    final int[] nibbles;
    final float[] scales;

    private Q4Tiles(TensorData.Q4 w) {
        this.cols = w.cols();
        this.blockSize = w.blockSize();
        this.tiles = w.rows() / TILE_ROWS;
        this.groups = cols / 8;
        this.blocks = cols / blockSize;
        this.nibbles = new int[tiles * groups * TILE_ROWS];
        this.scales = new float[tiles * blocks * TILE_ROWS];
        byte[] packed = w.packed();
        float[] blockScales = w.blockScales();
        int rowBytes = cols / 2;
        for (int t = 0; t < tiles; t++) {
            for (int r = 0; r < TILE_ROWS; r++) {
                int row = t * TILE_ROWS + r;
                for (int g = 0; g < groups; g++) {
                    int word = LittleEndian.getInt(packed, row * rowBytes + 4 * g);
                    nibbles[(t * groups + g) * TILE_ROWS + r] = word ^ 0x88888888;   // offset binary
                }
                for (int b = 0; b < blocks; b++) {
                    scales[(t * blocks + b) * TILE_ROWS + r] = blockScales[row * blocks + b];
                }
            }
        }
    }

    /** True if {@code w} has a whole tile and blocks of whole column groups. */
    static boolean supports(TensorData.Q4 w) {
        return w.rows() >= TILE_ROWS && w.blockSize() % 8 == 0;
    }

    /** The tiled copy of {@code w}; see {@link #supports}. */
    static Q4Tiles of(TensorData.Q4 w) {
        if (!supports(w)) {
            throw new IllegalArgumentException("q4_0 tiles need at least " + TILE_ROWS
                    + " rows and a block size that is a multiple of 8: " + w.rows() + " rows, block size "
                    + w.blockSize());
        }
        return new Q4Tiles(w);
    }
}
