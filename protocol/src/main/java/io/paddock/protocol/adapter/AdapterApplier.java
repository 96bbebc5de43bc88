package io.paddock.protocol.adapter;

import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorData;

import java.util.ArrayList;
import java.util.List;

/**
 * Assembles a candidate (C7 "Applying"): returns a NEW model with the adapters added in the
 * order given, {@code w' = w + scale * delta} per element in float. Every adapter is first
 * validated against the base (ADAPTER_MISMATCH); nothing is applied unless all bind. The
 * base is never mutated, and every tensor no adapter touches shares its {@link Tensor}
 * (and so its {@link TensorData}) with the base.
 *
 * <p>Touched means covered by a record: every row of a dense or low-rank record's tensor,
 * and for a sparse record the rows (q8_0) or blocks (q4_0) holding one of its indices,
 * whatever the delta's value. Those are dequantized, updated and re-quantized with C4;
 * all other rows and blocks keep their bytes and scales. Low-rank deltas are
 * {@code Σ_k A[r][k] * B[k][c]} summed from {@code 0f} in ascending k, in float. A result
 * that is not finite is a NON_FINITE_VALUE error.
 */
public final class AdapterApplier {
    private AdapterApplier() {
    }

    /** Applies after the full check, including each bound adapter's parent digest against {@code baseSha256}. */
    public static SlmModel apply(SlmModel base, byte[] baseSha256, List<Adapter> adapters) {
        if (baseSha256 == null || baseSha256.length != AdapterBinding.PARENT_SHA256_LENGTH) {
            throw new IllegalArgumentException("base SHA-256 must be 32 bytes");
        }
        return applyChecked(base, baseSha256, adapters);
    }

    /** Applies after every binding check except the parent digest (see {@link AdapterValidator#validateWithoutParent}). */
    public static SlmModel apply(SlmModel base, List<Adapter> adapters) {
        return applyChecked(base, null, adapters);
    }

    private static SlmModel applyChecked(SlmModel base, byte[] baseSha256OrNull, List<Adapter> adapters) {
        ModelTensorIndex index = new ModelTensorIndex(base);
        for (Adapter a : adapters) {
            AdapterValidator.check(a, base, baseSha256OrNull, index);
        }
        List<Tensor> tensors = base.tensors();
        TensorEdit[] edits = new TensorEdit[tensors.size()];
        for (Adapter a : adapters) {
            for (DeltaRecord r : a.records()) {
                int p = index.position(r.nameHash());
                if (edits[p] == null) {
                    edits[p] = newEdit(tensors.get(p), r, index.describe(r.nameHash()));
                }
                addRecord(edits[p], r, a.scale());
            }
        }
        List<Tensor> out = new ArrayList<>(tensors.size());
        for (int p = 0; p < tensors.size(); p++) {
            Tensor t = tensors.get(p);
            out.add(edits[p] == null ? t : new Tensor(t.nameHash(), t.dims().clone(), edits[p].result()));
        }
        return new SlmModel(base.header(), base.tokenizer(), out);
    }

    private static TensorEdit newEdit(Tensor t, DeltaRecord r, String name) {
        TensorData d = t.data();
        if (d.rows() != r.rows() || d.cols() != r.cols()) {
            throw new IllegalArgumentException("model tensor " + name + " stores " + d.rows() + "x" + d.cols()
                    + " values but its dims say " + r.rows() + "x" + r.cols());
        }
        return TensorEdit.of(d, name);
    }

    private static void addRecord(TensorEdit edit, DeltaRecord r, float scale) {
        int rows = r.rows();
        int cols = r.cols();
        if (r instanceof DeltaRecord.Dense d) {
            for (int row = 0; row < rows; row++) {
                edit.addRow(row, d.deltas(), row * cols, scale);
            }
        } else if (r instanceof DeltaRecord.LowRank l) {
            float[] delta = new float[cols];
            for (int row = 0; row < rows; row++) {
                lowRankRow(l, row, delta);
                edit.addRow(row, delta, 0, scale);
            }
        } else {
            DeltaRecord.Sparse s = (DeltaRecord.Sparse) r;
            int[] idx = s.indices();
            int k = 0;
            while (k < idx.length) {
                int row = idx[k] / cols;
                int end = k + 1;
                while (end < idx.length && idx[end] / cols == row) {
                    end++;
                }
                edit.addSparse(row, idx, s.deltas(), k, end, scale);
                k = end;
            }
        }
    }

    /** delta[row][c] = Σ_k A[row][k] * B[k][c], from 0f in ascending k, in float. */
    static void lowRankRow(DeltaRecord.LowRank l, int row, float[] out) {
        int rank = l.rank();
        int cols = l.cols();
        float[] a = l.a();
        float[] b = l.b();
        for (int c = 0; c < cols; c++) {
            float sum = 0f;
            for (int k = 0; k < rank; k++) {
                sum += a[row * rank + k] * b[k * cols + c];
            }
            out[c] = sum;
        }
    }
}
