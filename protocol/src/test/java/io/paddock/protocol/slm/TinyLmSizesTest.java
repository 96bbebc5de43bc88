package io.paddock.protocol.slm;

import io.paddock.protocol.io.FileSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The published TinyLM-16M artifact sizes (reference §9). */
class TinyLmSizesTest {

    private static RandomModelSpec tinyLm(DType dtype) {
        return RandomModelSpec.of(4, 512, 8, 8, 2048, 512, TokenizerSpec.btok(), dtype, false, 16);
    }

    @ParameterizedTest(name = "{0} → {1} bytes")
    @CsvSource({"F32, 68194944", "Q8_0, 17160000", "Q4_0, 10657728"})
    void plannerGivesThePublishedSizes(DType dtype, long size) {
        ModelHeader header = tinyLm(dtype).header();

        LayoutPlan plan = SlmLayoutPlanner.plan(header, 28, dtype, 32);

        assertThat(plan.fileSize()).isEqualTo(size);
        assertThat(plan.directoryOffset()).isEqualTo(192);
        assertThat(plan.dataOffset()).isEqualTo(2688);
        assertThat(plan.tensors()).hasSize(39);
    }

    @ParameterizedTest(name = "{0} → {1} bytes")
    @CsvSource({"F32, 68194944", "Q8_0, 17160000", "Q4_0, 10657728"})
    void realFilesHaveThePublishedSizes(DType dtype, long size, @TempDir Path dir) throws Exception {
        SlmModel model = RandomModels.generate(tinyLm(dtype));
        Path file = dir.resolve("tinylm-" + dtype.label() + ".slm");

        SlmFiles.write(model, file);

        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(model.parameterCount()).isEqualTo(17_048_064L);
        try (FileSource source = FileSource.open(file)) {
            SlmInfo info = SlmReader.readLayout(source, ChecksumPolicy.STRICT);
            assertThat(info.parameterCount()).isEqualTo(17_048_064L);
            assertThat(info.tensors()).hasSize(39);
            assertThat(info.header().tensorDataOffset()).isEqualTo(2688);
            assertThat(info.model().vocabSize()).isEqualTo(260);
            TensorEntry last = info.tensors().get(38);
            assertThat(last.name()).isEqualTo("output.weight");
            Tensor output = SlmReader.readTensor(source, info, last);
            TestModels.assertSameData(model.tensors().get(38).data(), output.data());
        }
    }

    @Test
    void parameterCountIsTheSumOfTensorElements() {
        long n = 0;
        for (TensorShape s : ModelShapes.expected(tinyLm(DType.F32).header())) {
            long e = 1;
            for (int d : s.dims()) {
                e *= d;
            }
            n += e;
        }
        assertThat(n).isEqualTo(17_048_064L);
    }
}
