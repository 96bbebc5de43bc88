package io.paddock.trainer.lora;

import io.paddock.protocol.adapter.DeltaRecord;
import io.paddock.protocol.hash.Fnv;
import io.paddock.trainer.model.Param;
import io.paddock.trainer.nn.MatMul;

/**
 * The two factors of one adapted matrix: {@code delta = A·B}, A {@code rows×rank}, B
 * {@code rank×cols}, row-major (C7). Keeps the frozen parent values to rebuild the effective
 * weight {@code w = parent + delta} exactly as the runtime applies it (delta summed from 0 in
 * ascending k, then added with scale 1, in float).
 */
final class LoraFactors {
    final Param target;
    final float[] parent;
    final int rows;
    final int cols;
    final int rank;
    final float[] a;
    final float[] b;
    final float[] gradA;
    final float[] gradB;
    private final float[] delta;
    private final float[] bTransposed;

    LoraFactors(Param target, int rank) {
        this.target = target;
        this.parent = target.value().clone();
        this.rows = target.rows();
        this.cols = target.cols();
        this.rank = rank;
        this.a = new float[rows * rank];
        this.b = new float[rank * cols];
        this.gradA = new float[rows * rank];
        this.gradB = new float[rank * cols];
        this.delta = new float[rows * cols];
        this.bTransposed = new float[cols * rank];
    }

    /**
     * Writes {@code parent + 1·(A·B)} into the target (and its transposed copy): the delta summed
     * from 0 in ascending k, as the runtime's adapter applier does.
     */
    void apply() {
        MatMul.gemm(a, rank, 1, rows, rank, b, cols, delta, true);
        float[] w = target.value();
        for (int i = 0; i < w.length; i++) {
            w[i] = parent[i] + 1f * delta[i];
        }
        target.refreshTransposed();
    }

    /** From the gradient of the effective weight: {@code dA = dW·Bᵀ}, {@code dB = Aᵀ·dW} (overwritten). */
    void backward(float[] dw) {
        for (int k = 0; k < rank; k++) {
            for (int c = 0; c < cols; c++) {
                bTransposed[c * rank + k] = b[k * cols + c];
            }
        }
        MatMul.gemm(dw, cols, 1, rows, cols, bTransposed, rank, gradA, true);
        MatMul.gemm(a, 1, rank, rank, rows, dw, cols, gradB, true);
    }

    double gradSumOfSquares() {
        double s = 0;
        for (float g : gradA) {
            s += (double) g * g;
        }
        for (float g : gradB) {
            s += (double) g * g;
        }
        return s;
    }

    void scaleGrads(float f) {
        for (int i = 0; i < gradA.length; i++) {
            gradA[i] *= f;
        }
        for (int i = 0; i < gradB.length; i++) {
            gradB[i] *= f;
        }
    }

    DeltaRecord.LowRank record() {
        return new DeltaRecord.LowRank(Fnv.nameHash(target.name()), rows, cols, rank, a.clone(), b.clone());
    }
}
