package io.paddock.trainer.model;

/**
 * One trainable tensor in the runtime's layout: {@code rows × cols} row-major ({@code rows} =
 * output features), a 1-D tensor is one row. Matrices used as linear maps also keep a
 * transposed copy ({@code cols × rows}) for the forward pass; call {@link #refreshTransposed()}
 * after changing {@link #value}.
 */
public final class Param {
    private final String name;
    private final int rows;
    private final int cols;
    private final boolean vector;
    private final float[] value;
    private final float[] transposed;

    /**
     * @param linear whether the tensor is a linear map (gets a transposed copy)
     */
    public Param(String name, int rows, int cols, boolean vector, boolean linear) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.vector = vector;
        this.value = new float[rows * cols];
        this.transposed = linear ? new float[rows * cols] : null;
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** True for 1-D tensors (norm weights). */
    public boolean vector() {
        return vector;
    }

    /** The values, row-major; owned by this param and changed in place by the optimizer. */
    public float[] value() {
        return value;
    }

    /** The transposed copy ({@code cols × rows}), or null for non-linear tensors. */
    public float[] transposed() {
        return transposed;
    }

    public int size() {
        return value.length;
    }

    /** The SLM1 dims of this tensor: {@code [n]} or {@code [rows, cols]}. */
    public int[] dims() {
        return vector ? new int[] {cols} : new int[] {rows, cols};
    }

    /** Recomputes the transposed copy from the values (no-op for non-linear tensors). */
    public void refreshTransposed() {
        if (transposed == null) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            for (int c = 0; c < cols; c++) {
                transposed[c * rows + r] = value[off + c];
            }
        }
    }
}
