package io.paddock.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void escapesQuotesBackslashesControlsAndLineSeparators() {
        assertThat(JsonWriter.quote("a\"b\\c/d")).isEqualTo("\"a\\\"b\\\\c/d\"");
        assertThat(JsonWriter.quote("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
        assertThat(JsonWriter.quote("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
        assertThat(JsonWriter.quote("\u2028x\u2029")).isEqualTo("\"\\u2028x\\u2029\"");
    }

    @Test
    void writesEverythingElseAsIs() {
        assertThat(JsonWriter.quote("\u007f é € 😀 \u00a0")).isEqualTo("\"\u007f é € 😀 \u00a0\"");
    }

    @Test
    void writesCompactlyInMemberOrder() {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        m.put("b", JsonArray.of(JsonNumber.of(1), JsonNull.INSTANCE, JsonBool.FALSE));
        m.put("a", JsonObject.builder().put("x", "y").build());
        assertThat(JsonWriter.write(new JsonObject(m))).isEqualTo("{\"b\":[1,null,false],\"a\":{\"x\":\"y\"}}");
        assertThat(new JsonObject(m).toJson()).isEqualTo(JsonWriter.write(new JsonObject(m)));
    }

    @Test
    void numbersAreWrittenAsTheirLiteral() {
        assertThat(JsonWriter.write(new JsonNumber("1.50E+002"))).isEqualTo("1.50E+002");
        assertThat(JsonWriter.write(JsonNumber.of(0.1f))).isEqualTo("0.1");
        assertThat(JsonWriter.write(JsonNumber.of(1e-7))).isEqualTo("1.0E-7");
        assertThat(JsonWriter.write(JsonNumber.of(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
        assertThat(JsonWriter.write(JsonNumber.ofUnsigned(-1L))).isEqualTo("18446744073709551615");
        assertThat(JsonWriter.write(JsonNumber.of(-0.0f))).isEqualTo("-0.0");
    }

    @Test
    void nonFiniteNumbersCannotBeWritten() {
        assertThatThrownBy(() -> JsonNumber.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-finite");
        assertThatThrownBy(() -> JsonNumber.of(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonNumber.of(Float.NEGATIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonNumber.of(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesRejectWhatJsonCannotHold() {
        assertThatThrownBy(() -> new JsonNumber("NaN")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JsonNumber("01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JsonNumber(" 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonString.of("a\ud800")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonString.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonObject.builder().put("a", 1).put("a", 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate JSON object key 'a'");
        assertThatThrownBy(() -> JsonArray.of(JsonBool.TRUE, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void valuesAreImmutable() {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        m.put("a", JsonBool.TRUE);
        JsonObject o = new JsonObject(m);
        m.put("b", JsonBool.FALSE);
        assertThat(o.size()).isEqualTo(1);
        assertThatThrownBy(() -> o.members().put("c", JsonNull.INSTANCE)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void describeIsShortAndTyped() {
        assertThat(JsonNumber.of(5).describe()).isEqualTo("number 5");
        assertThat(JsonNull.INSTANCE.describe()).isEqualTo("null");
        assertThat(JsonString.of("x".repeat(100)).describe()).startsWith("string \"xxx").endsWith("…").hasSize(65);
        assertThat(JsonArray.of().describe()).isEqualTo("array []");
    }
}
