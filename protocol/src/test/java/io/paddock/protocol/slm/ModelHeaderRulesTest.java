package io.paddock.protocol.slm;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModelHeaderRulesTest {
    /** vocab 260, hidden 32, 2 layers, 4 heads, 2 KV heads, head_dim 8, FFN 64, context 16. */
    private static final ModelHeader OK = new ModelHeader(1, 0, 260, 4, 32, 2, 4, 2, 8, 64, 16, 10000f, 1e-5f);

    private static ModelHeader with(String field, Number v) {
        ModelHeader h = OK;
        return new ModelHeader(
                field.equals("modelType") ? v.intValue() : h.modelType(),
                field.equals("flags") ? v.intValue() : h.flags(),
                field.equals("vocab") ? v.intValue() : h.vocabSize(),
                field.equals("specials") ? v.intValue() : h.specialTokenCount(),
                field.equals("hidden") ? v.intValue() : h.hiddenSize(),
                field.equals("layers") ? v.intValue() : h.layerCount(),
                field.equals("heads") ? v.intValue() : h.headCount(),
                field.equals("kvHeads") ? v.intValue() : h.kvHeadCount(),
                field.equals("headDim") ? v.intValue() : h.headDim(),
                field.equals("ffn") ? v.intValue() : h.ffnSize(),
                field.equals("context") ? v.intValue() : h.maxContext(),
                field.equals("theta") ? v.floatValue() : h.ropeTheta(),
                field.equals("eps") ? v.floatValue() : h.rmsNormEpsilon());
    }

    private static ModelHeader dims(int hidden, int heads, int kvHeads, int headDim, int vocab, int ffn) {
        return new ModelHeader(1, 0, vocab, 4, hidden, 1, heads, kvHeads, headDim, ffn, 16, 10000f, 1e-5f);
    }

    static Stream<Arguments> violations() {
        ErrorCode ih = ErrorCode.INVALID_HEADER;
        ErrorCode sm = ErrorCode.SHAPE_MISMATCH;
        return Stream.of(
                Arguments.of(with("modelType", 2), ih, 12, "model_type"),
                Arguments.of(with("modelType", 0), ih, 12, "model_type"),
                Arguments.of(with("flags", 2), ih, 16, "flags"),
                Arguments.of(with("flags", 0x80000001), ih, 16, "flags"),
                Arguments.of(with("vocab", 259), ih, 20, "vocab_size"),
                Arguments.of(with("vocab", -1), ih, 20, "vocab_size"),
                Arguments.of(with("specials", 3), ih, 24, "special_token_count"),
                Arguments.of(with("specials", 5), ih, 24, "special_token_count"),
                Arguments.of(with("hidden", 0), ih, 28, "hidden_size"),
                Arguments.of(with("hidden", 0x80000000), ih, 28, "hidden_size"),
                Arguments.of(with("layers", 0), ih, 32, "layer_count"),
                Arguments.of(with("layers", -5), ih, 32, "layer_count"),
                Arguments.of(with("heads", 0), ih, 36, "head_count"),
                Arguments.of(with("kvHeads", 0), ih, 40, "kv_head_count"),
                Arguments.of(with("headDim", 0), ih, 44, "head_dim"),
                Arguments.of(with("ffn", 0), ih, 48, "ffn_size"),
                Arguments.of(with("context", 0), ih, 52, "max_context"),
                Arguments.of(with("context", -1), ih, 52, "max_context"),
                Arguments.of(with("kvHeads", 3), sm, 40, "divide"),
                Arguments.of(with("kvHeads", 8), sm, 40, "divide"),
                Arguments.of(dims(28, 4, 4, 7, 260, 64), sm, 44, "even"),
                Arguments.of(with("headDim", 16), sm, 44, "hidden_size"),
                Arguments.of(with("hidden", 33), sm, 44, "hidden_size"),
                Arguments.of(dims(0x40000000, 2, 2, 0x20000000, 260, 64), ih, 20, "fit in one Java array"),
                Arguments.of(dims(65536, 1, 1, 65536, 260, 64), ih, 28, "hidden_size × hidden_size"),
                Arguments.of(dims(64, 1, 1, 64, 260, 0x7FFFFFF0), ih, 48, "ffn_size × hidden_size"),
                Arguments.of(with("theta", Float.NaN), ih, 56, "rope_theta"),
                Arguments.of(with("theta", 0f), ih, 56, "rope_theta"),
                Arguments.of(with("theta", Float.POSITIVE_INFINITY), ih, 56, "rope_theta"),
                Arguments.of(with("theta", -1f), ih, 56, "rope_theta"),
                Arguments.of(with("eps", Float.NaN), ih, 60, "rms_norm_epsilon"),
                Arguments.of(with("eps", -1e-5f), ih, 60, "rms_norm_epsilon"),
                Arguments.of(with("eps", Float.NEGATIVE_INFINITY), ih, 60, "rms_norm_epsilon"));
    }

    @ParameterizedTest(name = "[{index}] {2} {3}")
    @MethodSource("violations")
    void eachRuleFailsWithCodeOffsetAndValue(ModelHeader h, ErrorCode code, int offset, String fragment) {
        FormatException e = assertThrows(FormatException.class, () -> ModelHeaderRules.validate(h));

        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.offset()).as(e.getMessage()).isEqualTo(offset);
        assertThat(e.rule()).contains(fragment);
        assertThat(e.badValue()).isNotBlank();
        assertThat(e.getMessage()).contains("at offset " + offset);
    }

    @Test
    void unsignedValuesAreReportedUnsigned() {
        FormatException e = assertThrows(FormatException.class, () -> ModelHeaderRules.validate(with("hidden", -1)));

        assertThat(e.badValue()).isEqualTo("4294967295");
    }

    @Test
    void validHeadersPass() {
        assertThatCode(() -> ModelHeaderRules.validate(OK)).doesNotThrowAnyException();
        assertThatCode(() -> ModelHeaderRules.validate(with("flags", 1))).doesNotThrowAnyException();
        assertThatCode(() -> ModelHeaderRules.validate(with("kvHeads", 1))).doesNotThrowAnyException();
        assertThatCode(() -> ModelHeaderRules.validate(with("kvHeads", 4))).doesNotThrowAnyException();
        assertThatCode(() -> ModelHeaderRules.validate(with("vocab", 50000))).doesNotThrowAnyException();
        // large but representable: hidden² = 2^30 elements fits one array
        assertThatCode(() -> ModelHeaderRules.validate(dims(32768, 1, 1, 32768, 260, 64))).doesNotThrowAnyException();
    }
}
