package io.paddock.vector;

import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.kernel.Kernels;

/**
 * Matrix-vector products with the Vector API ({@code jdk.incubator.vector}), bit-identical to
 * {@link io.paddock.runtime.kernel.ScalarKernels}: a fixed 256-bit species whose 8 lanes are
 * the 8 C9 stripes, separate lane-wise multiply and add (no FMA), stripes reduced by lane-wise
 * adds in the C9 pairing (no {@code reduceLanes}). f32 and q8_0: four rows per pass share each
 * load of x.
 * Rows whose result is NaN are recomputed by the scalar reference, so even NaN bits agree.
 * q4_0 matrices are multiplied from a tiled copy ({@link Q4Tiles}, four bits per weight like the
 * stored form, eight rows per vector instead of four) made on first use and held in a
 * {@link Q4TileCache} as long as the matrix is reachable; an adapter that replaces a matrix
 * therefore costs one re-tiling of that matrix only. Thread-safe. Check {@link #isAvailable()}
 * before constructing one.
 */
public final class VectorKernels implements Kernels {
    private final Q4TileCache tiles;
    private final ThreadLocal<Q4TileInput> tileInput = ThreadLocal.withInitial(Q4TileInput::new);

    /** Kernels with their own tile cache; throws if the Vector API cannot be used here (see {@link #isAvailable()}). */
    public VectorKernels() {
        this(new Q4TileCache());
    }

    /** Kernels sharing {@code tiles} with others (one tiled copy per matrix between them). */
    public VectorKernels(Q4TileCache tiles) {
        if (tiles == null) {
            throw new IllegalArgumentException("the tile cache must not be null");
        }
        this.tiles = tiles;
        if (!isAvailable()) {
            throw new IllegalStateException("the Vector API is not available: run with --add-modules "
                    + "jdk.incubator.vector on a machine with 256-bit vectors");
        }
    }

    /**
     * True if the incubator module is in the boot layer, the 256-bit float species has 8 lanes
     * and the machine has 256-bit vector registers (otherwise the API would run emulated, slowly).
     */
    public static boolean isAvailable() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return Availability.check();
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void matvec(TensorData w, float[] x, float[] out, int outOffset, int rowStart, int rowEnd) {
        TensorData.requireDecoded(w, "the Vector API kernels");
        tiles.expunge();
        if (w instanceof TensorData.F32 f) {
            F32Rows.matvec(f.values(), f.cols(), x, out, outOffset, rowStart, rowEnd);
        } else if (w instanceof TensorData.Q8 q) {
            Q8Rows.matvec(q.quants(), q.rowScales(), q.cols(), x, out, outOffset, rowStart, rowEnd);
        } else {
            q4(((TensorData.Q4) w), x, out, outOffset, rowStart, rowEnd);
        }
        NanRows.repair(w, x, out, outOffset, rowStart, rowEnd);
    }

    private void q4(TensorData.Q4 w, float[] x, float[] out, int outOffset, int rowStart, int rowEnd) {
        if (!Q4Tiles.supports(w) || !Q4TileRows.matvec(tiles.of(w), w, x, tileInput.get(),
                out, outOffset, rowStart, rowEnd)) {
            Q4Rows.matvec(w, x, out, outOffset, rowStart, rowEnd);
        }
    }

    /** True if this instance holds a tiled copy of {@code w} (it multiplied {@code w} before). */
    boolean holdsTilesFor(TensorData.Q4 w) {
        return tiles.holds(w);
    }

    @Override
    public String name() {
        return "vector256";
    }

    /**
     * The C9 striped dot product, bit-identical to
     * {@link io.paddock.runtime.kernel.ScalarKernels#dotF32(float[], int, float[], int, int)}
     * (for attention scores; not yet part of {@link Kernels}).
     */
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return AttentionLanes.dot(a, aOff, b, bOff, n);
    }

    /**
     * {@code out[outOff + p] = dot(q[qOff, qOff+n), rows[rowOff + p·stride, … + n))} for
     * {@code p < count}, each exactly {@link #dot}: the attention scores of one head against
     * {@code count} cached keys, four keys per pass.
     */
    @Override
    public void dots(float[] q, int qOff, float[] rows, int rowOff, int stride, int count, int n,
                     float[] out, int outOff) {
        AttentionLanes.dots(q, qOff, rows, rowOff, stride, count, n, out, outOff);
    }

    /**
     * {@code out[outOff + d] = Σ_p w[wOff + p] · v[p·stride + vOff + d]} for {@code d < width}, each
     * element summed from 0 in ascending p: attention's weighted sum of values (C9), bit-identical
     * to the plain loop.
     */
    @Override
    public void weightedSum(float[] w, int wOff, int n, float[] v, int stride, int vOff, int width,
                            float[] out, int outOff) {
        AttentionLanes.weightedSum(w, wOff, n, v, stride, vOff, width, out, outOff);
    }

    /** Touches the vector classes only when the module is present. */
    private static final class Availability {
        static boolean check() {
            return Lanes.F.length() == 8
                    && jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
        }
    }
}
