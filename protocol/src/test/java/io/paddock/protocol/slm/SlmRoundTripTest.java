package io.paddock.protocol.slm;

import io.paddock.protocol.io.ByteSource;
import io.paddock.protocol.tokenizer.BpeTokenizer;
import io.paddock.protocol.tokenizer.ByteTokenizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SlmRoundTripTest {

    static Stream<Arguments> variants() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (TokenizerSpec tok : List.of(TokenizerSpec.btok(), TokenizerSpec.bpe(300))) {
                for (boolean tied : new boolean[] {false, true}) {
                    out.add(Arguments.of(dtype, tok, tied));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} tied={2}")
    @MethodSource("variants")
    void writeReadWriteIsByteIdentical(DType dtype, TokenizerSpec tok, boolean tied) {
        SlmModel model = TestModels.model(dtype, tok, tied, 42);
        byte[] bytes = SlmWriter.toBytes(model);

        SlmModel read = SlmReader.read(ByteSource.of(bytes));

        assertThat(read.header()).isEqualTo(model.header());
        assertThat(read.tokenizer().sectionBytes()).containsExactly(model.tokenizer().sectionBytes());
        assertThat(read.tokenizer()).isInstanceOf(tok.bpe() ? BpeTokenizer.class : ByteTokenizer.class);
        assertThat(read.tensors()).hasSize(model.tensors().size());
        for (int i = 0; i < model.tensors().size(); i++) {
            Tensor a = model.tensors().get(i);
            Tensor b = read.tensors().get(i);
            assertThat(b.nameHash()).isEqualTo(a.nameHash());
            assertThat(b.dims()).containsExactly(a.dims());
            TestModels.assertSameData(a.data(), b.data());
        }
        assertThat(SlmWriter.toBytes(read)).as("read → write gives the same bytes").containsExactly(bytes);
    }

    @ParameterizedTest(name = "{0} {1} tied={2}")
    @MethodSource("variants")
    void layoutFollowsThePlannerAndC3(DType dtype, TokenizerSpec tok, boolean tied) {
        SlmModel model = TestModels.model(dtype, tok, tied, 7);
        byte[] bytes = SlmWriter.toBytes(model);
        LayoutPlan plan = SlmLayoutPlanner.plan(model);

        SlmInfo info = SlmReader.inspect(ByteSource.of(bytes), ChecksumPolicy.STRICT);

        assertThat((long) bytes.length).isEqualTo(plan.fileSize()).matches(n -> n % 64 == 0);
        assertThat(info.header().tokenizerOffset()).isEqualTo(108);
        assertThat(info.header().headerLength()).isEqualTo(108);
        assertThat(info.header().tensorDirectoryOffset()).isEqualTo(plan.directoryOffset()).matches(n -> n % 64 == 0);
        assertThat(info.header().tensorDataOffset()).isEqualTo(plan.dataOffset());
        assertThat(info.tensors()).extracting(TensorEntry::name)
                .containsExactlyElementsOf(TensorNames.canonicalOrder(2, tied));
        for (int i = 0; i < plan.tensors().size(); i++) {
            TensorPlacement p = plan.tensors().get(i);
            DirectoryEntry e = info.tensors().get(i).entry();
            assertThat(e.byteOffset()).isEqualTo(p.payloadOffset());
            assertThat(e.scaleOffset()).isEqualTo(p.scaleOffset());
            assertThat(e.byteLength()).isEqualTo(p.payloadLength());
            assertThat(e.blockSize()).isEqualTo(dtype == DType.F32 ? 0 : dtype == DType.Q8_0 ? e.cols() : 32);
        }
        assertThat(info.parameterCount()).isEqualTo(model.parameterCount());
        assertThat(info.checksumMatches()).isTrue();
        assertThat(info.warnings()).isEmpty();
        assertThat(info.quantization()).isEqualTo(dtype.label());
        assertThat(info.tokenizerKind()).isEqualTo(tok.bpe() ? "BPE1" : "BTOK");
        assertThat(info.mergeCount()).isEqualTo(tok.bpe() ? 40 : 0);
        assertThat(info.tokenizerChecksum())
                .isEqualTo(CompatibilityChecksums.tokenizerChecksum(model.tokenizer().sectionBytes()));
        assertThat(info.tensorLayoutChecksum()).isEqualTo(CompatibilityChecksums.tensorLayoutChecksum(model.tensors()));
    }

    @ParameterizedTest(name = "{0} {1} tied={2}")
    @MethodSource("variants")
    void tensorsCanBeReadOneByOne(DType dtype, TokenizerSpec tok, boolean tied) {
        byte[] bytes = TestModels.bytes(dtype, tok, tied, 3);
        ByteSource source = ByteSource.of(bytes);
        SlmModel whole = SlmReader.read(source);

        SlmInfo layout = SlmReader.readLayout(source, ChecksumPolicy.STRICT);

        for (int i = 0; i < layout.tensors().size(); i++) {
            Tensor t = SlmReader.readTensor(source, layout, layout.tensors().get(i));
            TestModels.assertSameData(whole.tensors().get(i).data(), t.data());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void layoutChecksumIgnoresDtype(DType dtype, TokenizerSpec tok, boolean tied) {
        SlmInfo f32 = SlmReader.inspect(ByteSource.of(TestModels.bytes(DType.F32, tok, tied, 5)), ChecksumPolicy.STRICT);
        SlmInfo other = SlmReader.inspect(ByteSource.of(TestModels.bytes(dtype, tok, tied, 5)), ChecksumPolicy.STRICT);

        assertThat(other.tensorLayoutChecksum()).isEqualTo(f32.tensorLayoutChecksum());
        assertThat(other.tokenizerChecksum()).isEqualTo(f32.tokenizerChecksum());
        assertThat(other.parameterCount()).isEqualTo(f32.parameterCount());
    }
}
