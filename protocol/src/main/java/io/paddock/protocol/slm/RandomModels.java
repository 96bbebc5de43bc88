package io.paddock.protocol.slm;

import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.tokenizer.ByteTokenizer;
import io.paddock.protocol.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Seeded synthetic models for {@code paddock pack random}: the same spec gives the same model and,
 * through {@link SlmWriter}, the same bytes. Weights are drawn from {@link XorShift64} in C3 order,
 * row-major: matrices uniform in ±1/sqrt(cols), norm weights uniform in [0.95, 1.05); then every
 * tensor is quantized to the spec's dtype (C4).
 */
public final class RandomModels {
    /** Mixed into the seed for the tokenizer's stream, so weights and merges are independent. */
    private static final long TOKENIZER_STREAM = 0x5851F42D4C957F2DL;

    private RandomModels() {
    }

    public static SlmModel generate(RandomModelSpec spec) {
        ModelHeader header = spec.header();
        ModelHeaderRules.validate(header);
        Tokenizer tokenizer = spec.tokenizer().bpe()
                ? RandomBpe.generate(spec.tokenizer().vocabSize(), new XorShift64(spec.seed() ^ TOKENIZER_STREAM))
                : new ByteTokenizer();
        XorShift64 rng = new XorShift64(spec.seed());
        List<Tensor> tensors = new ArrayList<>();
        for (TensorShape s : ModelShapes.expected(header)) {
            TensorData.F32 f = s.dims().length == 1 ? norm(s.cols(), rng) : matrix(s.rows(), s.cols(), rng);
            tensors.add(new Tensor(s.nameHash(), s.dims(), Quantizer.convert(f, spec.dtype(), spec.q4BlockSize())));
        }
        return new SlmModel(header, tokenizer, tensors);
    }

    private static TensorData.F32 matrix(int rows, int cols, XorShift64 rng) {
        float bound = (float) (1.0 / Math.sqrt(cols));
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (2f * rng.nextFloat() - 1f) * bound;
        }
        return new TensorData.F32(rows, cols, v);
    }

    private static TensorData.F32 norm(int n, XorShift64 rng) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.95f + 0.1f * rng.nextFloat();
        }
        return new TensorData.F32(1, n, v);
    }
}
