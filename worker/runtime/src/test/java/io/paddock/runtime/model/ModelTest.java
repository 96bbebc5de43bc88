package io.paddock.runtime.model;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.hash.Fnv;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.ModelHeader;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorData;
import io.paddock.protocol.slm.TensorNames;
import io.paddock.protocol.tokenizer.ByteTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** ModelConfig validation, Model.of shape checks, labels, tied output and the C8 checksum. */
class ModelTest {
    private static final ModelHeader GOOD =
            new ModelHeader(1, 0, 260, 4, 32, 2, 4, 2, 8, 64, 64, 10000f, 1e-5f);

    private static ModelHeader with(UnaryOperator<int[]> ints, float theta, float eps) {
        int[] v = {GOOD.modelType(), GOOD.flags(), GOOD.vocabSize(), GOOD.specialTokenCount(), GOOD.hiddenSize(),
                GOOD.layerCount(), GOOD.headCount(), GOOD.kvHeadCount(), GOOD.headDim(), GOOD.ffnSize(),
                GOOD.maxContext()};
        v = ints.apply(v);
        return new ModelHeader(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], theta, eps);
    }

    private static ModelHeader withInt(int index, int value) {
        return with(v -> {
            v[index] = value;
            return v;
        }, GOOD.ropeTheta(), GOOD.rmsNormEpsilon());
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> badHeaders() {
        return Stream.of(
                arguments("model_type 2", withInt(0, 2), ErrorCode.INVALID_HEADER, "model_type"),
                arguments("unknown flag", withInt(1, 2), ErrorCode.INVALID_HEADER, "flags"),
                arguments("vocab 100", withInt(2, 100), ErrorCode.INVALID_HEADER, "vocab_size"),
                arguments("hidden 0", withInt(4, 0), ErrorCode.INVALID_HEADER, "hidden_size"),
                arguments("layers 2^32-1", withInt(5, -1), ErrorCode.INVALID_HEADER, "layer_count"),
                arguments("kv heads 3", withInt(7, 3), ErrorCode.SHAPE_MISMATCH, "kv_head_count"),
                arguments("kv heads > heads", withInt(7, 8), ErrorCode.SHAPE_MISMATCH, "kv_head_count"),
                arguments("head dim odd", with(v -> {
                    v[4] = 28;
                    v[8] = 7;
                    return v;
                }, 10000f, 1e-5f), ErrorCode.SHAPE_MISMATCH, "head_dim"),
                arguments("heads × head dim", withInt(8, 4), ErrorCode.SHAPE_MISMATCH, "head_count × head_dim"),
                arguments("context 0", withInt(10, 0), ErrorCode.INVALID_HEADER, "max_context"),
                arguments("context 2^19+1", withInt(10, (1 << 19) + 1), ErrorCode.INVALID_HEADER, "max_context"),
                arguments("theta NaN", with(v -> v, Float.NaN, 1e-5f), ErrorCode.INVALID_HEADER, "rope_theta"),
                arguments("theta 0", with(v -> v, 0f, 1e-5f), ErrorCode.INVALID_HEADER, "rope_theta"),
                arguments("eps inf", with(v -> v, 1e4f, Float.POSITIVE_INFINITY), ErrorCode.INVALID_HEADER, "rms_norm_epsilon"),
                arguments("eps negative", with(v -> v, 1e4f, -1e-5f), ErrorCode.INVALID_HEADER, "rms_norm_epsilon"),
                arguments("huge state", with(v -> {
                    v[4] = 8192;
                    v[5] = 64;
                    v[6] = 64;
                    v[7] = 64;
                    v[8] = 128;
                    v[10] = 1 << 19;
                    return v;
                }, 1e4f, 1e-5f), ErrorCode.INVALID_HEADER, "runtime state"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHeaders")
    void invalidHeadersAreRejectedNamingTheRule(String name, ModelHeader h, ErrorCode code, String rule) {
        assertThatThrownBy(() -> ModelConfig.of(h))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.rule()).contains(rule);
                });
    }

    @Test
    void aValidHeaderGivesItsConfig() {
        ModelConfig c = ModelConfig.of(GOOD);
        assertThat(c.kvDim()).isEqualTo(16);
        assertThat(c.kvGroup()).isEqualTo(2);
        assertThat(c.tiedOutput()).isFalse();
        assertThat(c.sameStateShape(new ModelConfig(32, 64, 2, 4, 2, 8, 260, 64, 10000f, 1e-6f, true))).isTrue();
        assertThat(c.sameStateShape(new ModelConfig(32, 64, 2, 4, 2, 8, 260, 64, 500000f, 1e-5f, false))).isFalse();
    }

    @Test
    void missingTensorsAndWrongShapesAreRejected() {
        SlmModel good = TinyModels.build(TinyModels.Spec.of(DType.F32, false, false, 4, 2, 1));
        long wk = Fnv.nameHash(TensorNames.layer(1, "wk"));

        List<Tensor> missing = new ArrayList<>(good.tensors());
        missing.removeIf(t -> t.nameHash() == wk);
        missing.add(Tensor.of("extra.weight", new TensorData.F32(1, 1, new float[1]), 1));
        assertRejected(new SlmModel(good.header(), good.tokenizer(), missing), ErrorCode.MISSING_TENSOR);

        List<Tensor> wrongShape = replace(good, wk, new Tensor(wk, new int[] {32, 32},
                new TensorData.F32(32, 32, new float[32 * 32])));
        assertRejected(new SlmModel(good.header(), good.tokenizer(), wrongShape), ErrorCode.SHAPE_MISMATCH);

        List<Tensor> wrongData = replace(good, wk, new Tensor(wk, new int[] {16, 32},
                new TensorData.F32(16, 32, new float[16 * 31])));
        assertRejected(new SlmModel(good.header(), good.tokenizer(), wrongData), ErrorCode.SHAPE_MISMATCH);

        List<Tensor> badBlock = replace(good, wk, new Tensor(wk, new int[] {16, 32},
                new TensorData.Q4(16, 32, 6, new byte[16 * 16], new float[16 * 5])));
        assertRejected(new SlmModel(good.header(), good.tokenizer(), badBlock), ErrorCode.SHAPE_MISMATCH);

        List<Tensor> extra = new ArrayList<>(good.tensors());
        extra.add(Tensor.of("extra.weight", new TensorData.F32(1, 1, new float[1]), 1));
        assertRejected(new SlmModel(good.header(), good.tokenizer(), extra), ErrorCode.INVALID_TENSOR_DIRECTORY);

        ModelHeader tied = new ModelHeader(1, 1, 260, 4, 32, 2, 4, 2, 8, 64, 64, 10000f, 1e-5f);
        assertRejected(new SlmModel(tied, good.tokenizer(), good.tensors()), ErrorCode.INVALID_TENSOR_DIRECTORY);

        SlmModel bpe = TinyModels.build(TinyModels.Spec.of(DType.F32, true, false, 4, 2, 1));
        assertRejected(new SlmModel(bpe.header(), new ByteTokenizer(), bpe.tensors()), ErrorCode.INVALID_HEADER);
    }

    private static void assertRejected(SlmModel slm, ErrorCode code) {
        assertThatThrownBy(() -> Model.of(slm))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static List<Tensor> replace(SlmModel slm, long hash, Tensor replacement) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : slm.tensors()) {
            out.add(t.nameHash() == hash ? replacement : t);
        }
        return out;
    }

    @Test
    void weightsAreReferencesAndTiedOutputIsTheEmbeddingTable() {
        SlmModel slm = TinyModels.build(TinyModels.Spec.of(DType.Q8_0, false, true, 4, 2, 1));
        Model m = Model.of(slm);
        assertThat(m.weights().output()).isSameAs(m.weights().tokEmbeddings())
                .isSameAs(slm.tensor(TensorNames.TOK_EMBEDDINGS).data());
        assertThat(m.weights().layers().get(1).w2()).isSameAs(slm.tensor(TensorNames.layer(1, "w2")).data());
        SlmModel untied = TinyModels.build(TinyModels.Spec.of(DType.F32, false, false, 4, 2, 1));
        assertThat(Model.of(untied).weights().output()).isSameAs(untied.tensor(TensorNames.OUTPUT).data());
        assertThat(m.adapterCount()).isZero();
        assertThat(Model.of(slm, 2).adapterCount()).isEqualTo(2);
        assertThatThrownBy(() -> Model.of(slm, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quantizationLabelNamesTheDtypeOrMixed() {
        for (DType d : DType.values()) {
            assertThat(Model.of(TinyModels.build(TinyModels.Spec.of(d, false, false, 4, 2, 1))).quantization())
                    .isEqualTo(d.label());
        }
        SlmModel f32 = TinyModels.build(TinyModels.Spec.of(DType.F32, false, false, 4, 2, 1));
        SlmModel q8 = TinyModels.build(TinyModels.Spec.of(DType.Q8_0, false, false, 4, 2, 1));
        long w1 = Fnv.nameHash(TensorNames.layer(0, "w1"));
        Tensor q8w1 = q8.tensors().stream().filter(t -> t.nameHash() == w1).findFirst().orElseThrow();
        assertThat(Model.of(new SlmModel(f32.header(), f32.tokenizer(), replace(f32, w1, q8w1))).quantization())
                .isEqualTo("mixed");
    }

    @Test
    void dequantizedRowsEqualElementWiseQTimesScale() {
        for (DType d : DType.values()) {
            SlmModel slm = TinyModels.build(TinyModels.Spec.of(d, false, false, 4, 2, 3));
            TensorData emb = slm.tensor(TensorNames.TOK_EMBEDDINGS).data();
            float[] row = new float[emb.cols()];
            for (int r : new int[] {0, 97, 259}) {
                Dequantize.row(emb, r, row);
                assertThat(row).containsExactly(NaiveForward.row(emb, r));
                for (int c = 0; c < row.length; c++) {
                    assertThat(row[c]).isEqualTo(emb.get(r, c));
                }
            }
        }
    }

    @Test
    void assemblyChecksumIsFnv1aOverNameHashPayloadAndScalesInC3Order() {
        for (DType d : DType.values()) {
            for (boolean tied : new boolean[] {false, true}) {
                SlmModel slm = TinyModels.build(TinyModels.Spec.of(d, false, tied, 4, 2, 9));
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                for (String name : TensorNames.canonicalOrder(2, tied)) {
                    Tensor t = slm.tensor(name);
                    writeLong(bytes, Fnv.nameHash(name));
                    if (t.data() instanceof TensorData.F32 f) {
                        writeFloats(bytes, f.values());
                    } else if (t.data() instanceof TensorData.Q8 q) {
                        bytes.writeBytes(q.quants());
                        writeFloats(bytes, q.rowScales());
                    } else {
                        TensorData.Q4 q = (TensorData.Q4) t.data();
                        bytes.writeBytes(q.packed());
                        writeFloats(bytes, q.blockScales());
                    }
                }
                assertThat(AssemblyChecksum.of(slm)).as("%s tied=%s", d, tied).isEqualTo(Fnv.hash(bytes.toByteArray()));
                assertThat(Model.of(slm).assemblyChecksum()).isEqualTo(AssemblyChecksum.of(slm));
            }
        }
        // one changed weight changes the checksum
        SlmModel a = TinyModels.build(TinyModels.Spec.of(DType.F32, false, false, 4, 2, 9));
        SlmModel b = TinyModels.build(TinyModels.Spec.of(DType.F32, false, false, 4, 2, 10));
        assertThat(AssemblyChecksum.of(a)).isNotEqualTo(AssemblyChecksum.of(b));
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    private static void writeFloats(ByteArrayOutputStream out, float[] values) {
        for (float f : values) {
            int bits = Float.floatToRawIntBits(f);
            for (int i = 0; i < 4; i++) {
                out.write(bits >>> (8 * i));
            }
        }
    }
}
