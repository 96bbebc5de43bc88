package io.paddock.runtime.model;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.tokenizer.Tokenizer;

/**
 * A model ready to run: validated config, tokenizer and read-only weight references into an
 * {@link SlmModel} (no copies), plus what diagnostics report about it. Immutable and free of
 * run state, so one model can serve many {@link State}s and threads.
 */
public final class Model {
    private final ModelConfig config;
    private final Tokenizer tokenizer;
    private final Weights weights;
    private final String quantization;
    private final int adapterCount;
    private final long assemblyChecksum;

    private Model(ModelConfig config, Tokenizer tokenizer, Weights weights, String quantization,
                  int adapterCount, long assemblyChecksum) {
        this.config = config;
        this.tokenizer = tokenizer;
        this.weights = weights;
        this.quantization = quantization;
        this.adapterCount = adapterCount;
        this.assemblyChecksum = assemblyChecksum;
    }

    /** A base model (no adapters). */
    public static Model of(SlmModel slm) {
        return of(slm, 0);
    }

    /**
     * A model whose weights are {@code slm}'s, e.g. a candidate assembled from a base and
     * {@code adapterCount} adapters. Validates header, tokenizer agreement and every tensor's
     * shape; computes the C8 assembly checksum.
     */
    public static Model of(SlmModel slm, int adapterCount) {
        if (adapterCount < 0) {
            throw new IllegalArgumentException("adapterCount must be >= 0: " + adapterCount);
        }
        ModelConfig config = ModelConfig.of(slm.header());
        if (slm.tokenizer().vocabSize() != config.vocabSize()) {
            throw new FormatException(ErrorCode.INVALID_HEADER,
                    "vocab_size must agree with the tokenizer's (" + slm.tokenizer().vocabSize() + ")",
                    config.vocabSize());
        }
        Weights weights = Weights.of(slm, config);
        return new Model(config, slm.tokenizer(), weights, quantizationLabel(slm), adapterCount,
                AssemblyChecksum.of(slm));
    }

    /** "f32", "q8_0" or "q4_0" when every tensor has that dtype, else "mixed". */
    static String quantizationLabel(SlmModel slm) {
        DType first = slm.tensors().get(0).data().dtype();
        for (Tensor t : slm.tensors()) {
            if (t.data().dtype() != first) {
                return "mixed";
            }
        }
        return first.label();
    }

    public ModelConfig config() {
        return config;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public Weights weights() {
        return weights;
    }

    /** "f32", "q8_0", "q4_0" or "mixed". */
    public String quantization() {
        return quantization;
    }

    /** Adapters applied to the assembled weights (0 for a base model). */
    public int adapterCount() {
        return adapterCount;
    }

    /** C8 checksum of the weights as assembled. */
    public long assemblyChecksum() {
        return assemblyChecksum;
    }

    @Override
    public String toString() {
        return "Model(" + config + ", " + tokenizer + ", " + quantization + ", adapters=" + adapterCount
                + ", assembly=" + Long.toHexString(assemblyChecksum) + ")";
    }
}
