package io.paddock.protocol.adapter;

import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorNames;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Seeded synthetic descendants of a model ({@code paddock adapter random}). The same base,
 * spec and seed always give the same adapter, hence the same bytes. One XorShift64 stream,
 * drawn in this order: the tensors whose canonical names match the glob, in ascending
 * unsigned name_hash; per tensor
 * <ul>
 * <li>dense: one delta per element, row-major;</li>
 * <li>sparse: per element in flat order a draw {@code u < density} and, if touched, its
 *     delta; a tensor left empty gets one element {@code nextInt(rows*cols)} and its delta;</li>
 * <li>low-rank: rank {@code r = min(spec.rank, rows, cols)}; A ({@code rows×r}) then B
 *     ({@code r×cols}), row-major.</li>
 * </ul>
 * Values are {@code (u*2-1) * amplitude} with {@code u = nextFloat()}: amplitude 0.02 for
 * dense and sparse deltas, 0.1 for A and {@code 0.2/r} for B (so |delta| ≤ 0.02), before scale.
 */
public final class RandomAdapters {
    public static final float DELTA_AMPLITUDE = 0.02f;
    public static final float LOW_RANK_A_AMPLITUDE = 0.1f;

    private RandomAdapters() {
    }

    /**
     * @param baseSha256OrNull the base file's SHA-256; required (32 bytes) when the spec binds the parent
     */
    public static Adapter generate(SlmModel base, byte[] baseSha256OrNull, RandomAdapterSpec spec) {
        if (spec.bindParent() && baseSha256OrNull == null) {
            throw new IllegalArgumentException("--bind-parent needs the base model's SHA-256");
        }
        AdapterBinding binding = AdapterBinding.of(base, spec.bindParent() ? baseSha256OrNull : null);
        List<Tensor> selected = select(base, spec.tensors());
        XorShift64 rng = new XorShift64(spec.seed());
        List<DeltaRecord> records = new ArrayList<>(selected.size());
        long size = AdapterFormat.HEADER_LENGTH;
        for (Tensor t : selected) {
            int rows = (int) ModelTensorIndex.rows(t);
            int cols = (int) ModelTensorIndex.cols(t);
            DeltaRecord r;
            if (spec.kind() == AdapterKind.DENSE) {
                size = checkedSize(size, AdapterFormat.RECORD_PREFIX + 4L * rows * cols);
                r = new DeltaRecord.Dense(t.nameHash(), rows, cols, uniform(rng, rows * cols, DELTA_AMPLITUDE));
            } else if (spec.kind() == AdapterKind.SPARSE) {
                r = sparse(rng, t.nameHash(), rows, cols, spec.density());
                size = checkedSize(size, AdapterFormat.recordBytes(r));
            } else {
                int rank = Math.min(spec.rank(), Math.min(rows, cols));
                size = checkedSize(size, AdapterFormat.RECORD_PREFIX + 4L + 4L * rank * ((long) rows + cols));
                float[] a = uniform(rng, rows * rank, LOW_RANK_A_AMPLITUDE);
                float[] b = uniform(rng, rank * cols, 0.2f / rank);
                r = new DeltaRecord.LowRank(t.nameHash(), rows, cols, rank, a, b);
            }
            records.add(r);
        }
        return new Adapter(spec.kind(), binding, spec.scale(), records);
    }

    /** The model's tensors whose canonical names match {@code glob}, in ascending unsigned name_hash. */
    static List<Tensor> select(SlmModel base, String glob) {
        TensorGlob g = new TensorGlob(glob);
        List<Tensor> selected = new ArrayList<>();
        for (String name : TensorNames.canonicalOrder(base.header().layerCount(), base.header().tiedOutput())) {
            if (g.matches(name)) {
                Tensor t = base.tensor(name);
                if (ModelTensorIndex.rows(t) < 0) {
                    throw new IllegalArgumentException("tensor " + name + " has rank " + t.rank()
                            + "; adapters address 1-D and 2-D tensors only");
                }
                selected.add(t);
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("--tensors '" + glob
                    + "' matches no tensor of the model (names look like layers.0.wq.weight, norm.weight)");
        }
        selected.sort((x, y) -> Long.compareUnsigned(x.nameHash(), y.nameHash()));
        return selected;
    }

    private static long checkedSize(long size, long recordBytes) {
        long total = size + recordBytes;
        if (total > AdapterFormat.MAX_BYTES) {
            throw new IllegalArgumentException("the adapter would exceed " + AdapterFormat.MAX_BYTES
                    + " bytes; select fewer tensors with --tensors or use --kind sparse|lowrank");
        }
        return total;
    }

    private static float[] uniform(XorShift64 rng, int n, float amplitude) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = draw(rng, amplitude);
        }
        return v;
    }

    private static float draw(XorShift64 rng, float amplitude) {
        return (rng.nextFloat() * 2f - 1f) * amplitude;
    }

    private static DeltaRecord.Sparse sparse(XorShift64 rng, long hash, int rows, int cols, double density) {
        int n = rows * cols;
        int[] idx = new int[16];
        float[] deltas = new float[16];
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            if (rng.nextFloat() < density) {
                if (nnz == idx.length) {
                    idx = Arrays.copyOf(idx, 2 * nnz);
                    deltas = Arrays.copyOf(deltas, 2 * nnz);
                }
                idx[nnz] = i;
                deltas[nnz] = draw(rng, DELTA_AMPLITUDE);
                nnz++;
            }
        }
        if (nnz == 0) {
            idx[0] = rng.nextInt(n);
            deltas[0] = draw(rng, DELTA_AMPLITUDE);
            nnz = 1;
        }
        return new DeltaRecord.Sparse(hash, rows, cols, Arrays.copyOf(idx, nnz), Arrays.copyOf(deltas, nnz));
    }
}
