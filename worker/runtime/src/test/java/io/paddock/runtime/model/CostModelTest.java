package io.paddock.runtime.model;

import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.ModelHeader;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorData;
import io.paddock.protocol.slm.TensorNames;
import io.paddock.protocol.tokenizer.ByteTokenizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CostModelTest {

    private static ModelHeader header(int vocab, int hidden, int layers, int ffn, boolean tied) {
        return new ModelHeader(1, tied ? ModelHeader.FLAG_TIED_OUTPUT : 0, vocab, 4, hidden, layers, 8, 8,
                hidden / 8, ffn, 512, 10000f, 1e-5f);
    }

    /** Footprints of every tensor of a model shape, all stored as {@code dtype}. */
    private static List<TensorFootprint> footprints(ModelHeader h, DType dtype) {
        List<TensorFootprint> out = new ArrayList<>();
        for (String name : TensorNames.canonicalOrder(h.layerCount(), h.tiedOutput())) {
            int[] shape = shape(h, name);
            out.add(TensorFootprint.of(name, dtype, shape[0], shape[1], 32));
        }
        return out;
    }

    private static int[] shape(ModelHeader h, String name) {
        if (name.equals(TensorNames.TOK_EMBEDDINGS) || name.equals(TensorNames.OUTPUT)) {
            return new int[] {h.vocabSize(), h.hiddenSize()};
        }
        if (name.endsWith("norm.weight")) {
            return new int[] {1, h.hiddenSize()};
        }
        if (name.endsWith("w1.weight") || name.endsWith("w3.weight")) {
            return new int[] {h.ffnSize(), h.hiddenSize()};
        }
        if (name.endsWith("w2.weight")) {
            return new int[] {h.hiddenSize(), h.ffnSize()};
        }
        return new int[] {h.hiddenSize(), h.hiddenSize()};
    }

    @Test
    void tinyLm16mInEachDtype() {
        ModelHeader h = header(260, 512, 4, 2048, false);
        // all weights but the embedding (16,914,944 values) + one embedding row
        assertThat(CostModel.bytesPerToken(h, footprints(h, DType.F32))).isEqualTo(4L * 16_914_944 + 4 * 512);
        // payload + 4 bytes per row (26,893 rows outside the embedding) + one row of 512 + 4
        assertThat(CostModel.bytesPerToken(h, footprints(h, DType.Q8_0))).isEqualTo(16_914_944L + 4 * 26_893 + 516);
        // half a byte per value + 4 bytes per 32 values; embedding row 256 + 16 * 4
        assertThat(CostModel.bytesPerToken(h, footprints(h, DType.Q4_0)))
                .isEqualTo(16_914_944L / 2 + 16_914_944L / 8 + 320);
    }

    @Test
    void tiedOutputReadsTheWholeEmbedding() {
        ModelHeader untied = header(260, 64, 2, 128, false);
        ModelHeader tied = header(260, 64, 2, 128, true);
        long embedding = 4L * 260 * 64;
        // the untied output matrix has the embedding's shape: the figures agree
        assertThat(CostModel.bytesPerToken(tied, footprints(tied, DType.F32)))
                .isEqualTo(CostModel.bytesPerToken(untied, footprints(untied, DType.F32)));
        assertThat(CostModel.bytesPerToken(tied, footprints(tied, DType.F32)))
                .isEqualTo(embedding + 4 * 64 + 4L * (2 * (4 * 64 * 64 + 3 * 128 * 64 + 2 * 64) + 64));
    }

    @Test
    void loadedModelAgreesWithItsDirectory() {
        ModelHeader h = header(260, 16, 1, 32, true);
        List<Tensor> tensors = new ArrayList<>();
        for (String name : TensorNames.canonicalOrder(1, true)) {
            int[] s = shape(h, name);
            TensorData data;
            if (name.endsWith("w1.weight")) {
                data = new TensorData.Q8(s[0], s[1], new byte[s[0] * s[1]], filled(s[0]));
            } else if (name.endsWith("w2.weight")) {
                data = new TensorData.Q4(s[0], s[1], 16, new byte[s[0] * s[1] / 2], filled(s[0] * s[1] / 16));
            } else {
                data = new TensorData.F32(s[0], s[1], new float[s[0] * s[1]]);
            }
            tensors.add(s[0] == 1 ? Tensor.of(name, data, s[1]) : Tensor.of(name, data, s[0], s[1]));
        }
        SlmModel model = new SlmModel(h, new ByteTokenizer(), tensors);
        long f32 = 4L * (4 * 16 * 16 + 32 * 16 + 2 * 16 + 16);   // wq wk wv wo, w3, norms, final norm
        long q8 = 32L * 16 + 4 * 32;                              // w1
        long q4 = 16L * 32 / 2 + 4L * 16 * 2;                     // w2: 16 rows, 2 blocks of 16
        long embedding = 4L * 260 * 16;
        assertThat(CostModel.bytesPerToken(model)).isEqualTo(f32 + q8 + q4 + embedding + 4 * 16);
    }

    private static float[] filled(int n) {
        float[] f = new float[n];
        java.util.Arrays.fill(f, 1f);
        return f;
    }
}
