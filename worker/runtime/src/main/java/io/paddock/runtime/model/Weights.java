package io.paddock.runtime.model;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorData;
import io.paddock.protocol.slm.TensorNames;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * All weights of a model, pulled from an {@link SlmModel} by canonical name (reference §7)
 * and checked against the config's shapes. References only: nothing is copied or dequantized.
 *
 * @param tokEmbeddings (vocab, dim)  token embedding table
 * @param layers        the blocks, layer 0 first
 * @param norm          (dim)         final RMSNorm scale
 * @param output        (vocab, dim)  classifier; the same object as {@code tokEmbeddings} when tied
 */
public record Weights(TensorData tokEmbeddings, List<LayerWeights> layers, TensorData norm, TensorData output) {

    public Weights {
        layers = List.copyOf(layers);
    }

    /** The weights of {@code slm}; MissingTensor, ShapeMismatch or InvalidTensorDirectory when they do not fit. */
    public static Weights of(SlmModel slm, ModelConfig c) {
        int expected = TensorNames.canonicalOrder(c.layers(), c.tiedOutput()).size();
        if (slm.tensors().size() != expected) {
            throw new FormatException(ErrorCode.INVALID_TENSOR_DIRECTORY,
                    "a model with " + c.layers() + " layers and " + (c.tiedOutput() ? "tied" : "untied")
                            + " output has " + expected + " tensors", slm.tensors().size());
        }
        TensorData embeddings = matrix(slm, TensorNames.TOK_EMBEDDINGS, c.vocabSize(), c.dim());
        List<LayerWeights> layers = new ArrayList<>(c.layers());
        for (int l = 0; l < c.layers(); l++) {
            layers.add(new LayerWeights(
                    vector(slm, TensorNames.layer(l, "attn_norm"), c.dim()),
                    matrix(slm, TensorNames.layer(l, "wq"), c.dim(), c.dim()),
                    matrix(slm, TensorNames.layer(l, "wk"), c.kvDim(), c.dim()),
                    matrix(slm, TensorNames.layer(l, "wv"), c.kvDim(), c.dim()),
                    matrix(slm, TensorNames.layer(l, "wo"), c.dim(), c.dim()),
                    vector(slm, TensorNames.layer(l, "ffn_norm"), c.dim()),
                    matrix(slm, TensorNames.layer(l, "w1"), c.ffnDim(), c.dim()),
                    matrix(slm, TensorNames.layer(l, "w2"), c.dim(), c.ffnDim()),
                    matrix(slm, TensorNames.layer(l, "w3"), c.ffnDim(), c.dim())));
        }
        TensorData norm = vector(slm, TensorNames.NORM, c.dim());
        TensorData output = c.tiedOutput() ? embeddings : matrix(slm, TensorNames.OUTPUT, c.vocabSize(), c.dim());
        return new Weights(embeddings, layers, norm, output);
    }

    private static TensorData matrix(SlmModel slm, String name, int rows, int cols) {
        return checked(slm.tensor(name), name, new int[] {rows, cols}, rows, cols);
    }

    private static TensorData vector(SlmModel slm, String name, int n) {
        return checked(slm.tensor(name), name, new int[] {n}, 1, n);
    }

    /** The tensor's directory shape and its data's own sizes must both match. */
    private static TensorData checked(Tensor t, String name, int[] dims, int rows, int cols) {
        if (!Arrays.equals(t.dims(), dims)) {
            throw new FormatException(ErrorCode.SHAPE_MISMATCH, name + " must have shape " + Arrays.toString(dims),
                    Arrays.toString(t.dims()));
        }
        TensorData d = t.data();
        if (d.rows() != rows || d.cols() != cols) {
            throw new FormatException(ErrorCode.SHAPE_MISMATCH, name + " data must be " + rows + " × " + cols,
                    d.rows() + " × " + d.cols());
        }
        long n = (long) rows * cols;
        if (d instanceof TensorData.Stored s) {
            // sized by construction (the reader checked the directory against the file); the block
            // size is checked as for a decoded q4_0 tensor
            if (s.dtype() == DType.Q4_0) {
                q4Block(name, s.blockSize(), cols);
            }
        } else if (d instanceof TensorData.F32 f) {
            sized(name, "values", f.values().length, n);
        } else if (d instanceof TensorData.Q8 q) {
            sized(name, "quants", q.quants().length, n);
            sized(name, "row scales", q.rowScales().length, rows);
        } else {
            TensorData.Q4 q = (TensorData.Q4) d;
            int bs = q.blockSize();
            q4Block(name, bs, cols);
            sized(name, "packed bytes", q.packed().length, n / 2);
            sized(name, "block scales", q.blockScales().length, n / bs);
        }
        return d;
    }

    private static void q4Block(String name, int bs, int cols) {
        if (bs <= 0 || bs % 2 != 0 || cols % bs != 0) {
            throw new FormatException(ErrorCode.SHAPE_MISMATCH,
                    name + " q4_0 block size must be even and divide the row width " + cols, bs);
        }
    }

    private static void sized(String name, String what, long actual, long expected) {
        if (actual != expected) {
            throw new FormatException(ErrorCode.SHAPE_MISMATCH, name + " must have " + expected + " " + what, actual);
        }
    }
}
