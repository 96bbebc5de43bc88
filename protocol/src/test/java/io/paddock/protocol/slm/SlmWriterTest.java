package io.paddock.protocol.slm;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.tokenizer.ByteTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlmWriterTest {
    private final SlmModel model = TestModels.model(DType.Q8_0, TokenizerSpec.bpe(270), false, 21);

    @Test
    void streamFileAndArrayAgree(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SlmWriter.write(model, out);
        Path file = dir.resolve("m.slm");
        SlmFiles.write(model, file);

        assertThat(out.toByteArray()).containsExactly(SlmWriter.toBytes(model));
        assertThat(Files.readAllBytes(file)).containsExactly(out.toByteArray());
    }

    @Test
    void checksumFieldHoldsTheC1ChecksumOfTheFile() {
        byte[] b = SlmWriter.toBytes(model);
        long stored = io.paddock.protocol.io.LittleEndian.getLong(b, 100);

        assertThat(stored).isNotZero().isEqualTo(io.paddock.protocol.hash.FileChecksum.of(b, 100));
    }

    @Test
    void refusesATokenizerThatDisagreesWithTheHeader() {
        SlmModel bad = new SlmModel(model.header(), new ByteTokenizer(), model.tensors());

        assertThatThrownBy(() -> SlmWriter.toBytes(bad)).isInstanceOfSatisfying(FormatException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKENIZER));
    }

    @Test
    void refusesTensorsOutOfC3OrderOrMissing() {
        List<Tensor> swapped = new ArrayList<>(model.tensors());
        Collections.swap(swapped, 1, 2);
        assertThatThrownBy(() -> SlmWriter.toBytes(new SlmModel(model.header(), model.tokenizer(), swapped)))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_TENSOR));
        List<Tensor> fewer = model.tensors().subList(0, 20);
        assertThatThrownBy(() -> SlmWriter.toBytes(new SlmModel(model.header(), model.tokenizer(), fewer)))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_TENSOR));
    }

    @Test
    void refusesWrongShapesAndNonFiniteValues() {
        List<Tensor> tensors = new ArrayList<>(model.tensors());
        Tensor norm = tensors.get(1);
        tensors.set(1, new Tensor(norm.nameHash(), new int[] {31}, norm.data()));
        assertThatThrownBy(() -> SlmWriter.toBytes(new SlmModel(model.header(), model.tokenizer(), tensors)))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SHAPE_MISMATCH));

        float[] v = new float[32];
        v[3] = Float.NaN;
        tensors.set(1, new Tensor(norm.nameHash(), new int[] {32}, new TensorData.F32(1, 32, v)));
        assertThatThrownBy(() -> SlmWriter.toBytes(new SlmModel(model.header(), model.tokenizer(), tensors)))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NON_FINITE_VALUE));

        tensors.set(1, new Tensor(norm.nameHash(), new int[] {32},
                new TensorData.Q8(1, 32, new byte[32], new float[] {0f})));
        assertThatThrownBy(() -> SlmWriter.toBytes(new SlmModel(model.header(), model.tokenizer(), tensors)))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NON_FINITE_VALUE));
    }

    @Test
    void refusesAnInvalidHeader() {
        ModelHeader h = model.header();
        ModelHeader bad = new ModelHeader(1, 0, h.vocabSize(), 4, h.hiddenSize(), h.layerCount(), h.headCount(), 3,
                h.headDim(), h.ffnSize(), h.maxContext(), h.ropeTheta(), h.rmsNormEpsilon());

        assertThatThrownBy(() -> SlmWriter.toBytes(new SlmModel(bad, model.tokenizer(), model.tensors())))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SHAPE_MISMATCH));
    }

    @Test
    void mixedDtypesAreWrittenAndRead() {
        List<Tensor> tensors = new ArrayList<>(model.tensors());
        Tensor wq = tensors.get(2);
        tensors.set(2, new Tensor(wq.nameHash(), wq.dims(), Quantizer.toQ4(Quantizer.toF32(wq.data()), 8)));
        SlmModel mixed = new SlmModel(model.header(), model.tokenizer(), tensors);

        byte[] bytes = SlmWriter.toBytes(mixed);
        SlmInfo info = SlmReader.inspect(io.paddock.protocol.io.ByteSource.of(bytes), ChecksumPolicy.STRICT);

        assertThat(info.quantization()).isEqualTo("mixed");
        assertThat(info.tensors().get(2).entry().blockSize()).isEqualTo(8);
        assertThat(info.tensors().get(2).scaleBytes()).isEqualTo(4 * 32 * 4);
        assertThat(SlmWriter.toBytes(SlmReader.read(io.paddock.protocol.io.ByteSource.of(bytes)))).containsExactly(bytes);
    }
}
