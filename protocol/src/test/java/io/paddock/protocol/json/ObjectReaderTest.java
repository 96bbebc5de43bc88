package io.paddock.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ObjectReaderTest {
    private static final ErrorContext CTX = ErrorContext.of("gen.json");

    private static ObjectReader reader(String json, String... allowed) {
        return ObjectReader.of(JsonParser.parse(json, 10_000, "gen.json"), CTX, "", allowed);
    }

    private static void fails(ThrowingCallable call, String rule, String bad) {
        assertThatThrownBy(call).isInstanceOfSatisfying(FormatException.class, e -> {
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.badValue()).isEqualTo(bad);
            assertThat(e.offset()).isEqualTo(-1);
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SUITE);
        });
    }

    @Test
    void readsTypedFieldsAndDefaults() {
        ObjectReader r = reader("{\"s\":\"x\",\"i\":7,\"l\":-9000000000,\"u\":18446744073709551615,\"f\":0.5,"
                + "\"d\":1e300,\"b\":true,\"a\":[\"p\",\"q\"]}", "s", "i", "l", "u", "f", "d", "b", "a", "absent");
        assertThat(r.string("s")).isEqualTo("x");
        assertThat(r.integer("i")).isEqualTo(7);
        assertThat(r.integer("i", 1, 7)).isEqualTo(7);
        assertThat(r.longValue("l")).isEqualTo(-9_000_000_000L);
        assertThat(r.unsignedLong("u")).isEqualTo(-1L);
        assertThat(r.floatValue("f")).isEqualTo(0.5f);
        assertThat(r.doubleValue("d")).isEqualTo(1e300);
        assertThat(r.bool("b")).isTrue();
        assertThat(r.strings("a")).containsExactly("p", "q");
        assertThat(r.string("absent", "dflt")).isEqualTo("dflt");
        assertThat(r.integer("absent", 0, 9, 3)).isEqualTo(3);
        assertThat(r.floatValue("absent", 2f)).isEqualTo(2f);
        assertThat(r.doubleValue("absent", 3d)).isEqualTo(3d);
        assertThat(r.unsignedLong("absent", 4L)).isEqualTo(4L);
        assertThat(r.bool("absent", false)).isFalse();
        assertThat(r.has("absent")).isFalse();
    }

    @Test
    void unknownFieldsAreReportedInDocumentOrder() {
        fails(() -> reader("{\"id\":1,\"colour\":\"red\",\"zz\":0}", "id", "model"),
                "gen.json: unknown field 'colour' (allowed: id, model)", "string \"red\"");
    }

    @Test
    void missingFieldsListWhatIsThere() {
        ObjectReader r = reader("{\"id\":\"a\"}", "id", "model");
        fails(() -> r.string("model"), "gen.json: missing field 'model'", "object with fields [id]");
    }

    @Test
    void wrongTypesNameTheFieldPath() {
        ObjectReader root = reader("{\"candidates\":[{\"id\":\"a\"},{\"id\":\"b\",\"adapters\":[\"x\",5],\"n\":null,"
                + "\"k\":1.5,\"o\":[]}]}", "candidates");
        List<ObjectReader> cands = root.objects("candidates", "id", "adapters", "n", "k", "o");
        ObjectReader c = cands.get(1);
        assertThat(c.path()).isEqualTo("candidates[1]");
        fails(() -> c.strings("adapters"), "gen.json: field 'candidates[1].adapters[1]' must be a string", "number 5");
        fails(() -> c.string("n"), "gen.json: field 'candidates[1].n' must be a string", "null");
        fails(() -> c.bool("id"), "gen.json: field 'candidates[1].id' must be true or false", "string \"b\"");
        fails(() -> c.integer("k"), "gen.json: field 'candidates[1].k' must be an integer in -2147483648..2147483647", "number 1.5");
        fails(() -> c.integer("id"), "gen.json: field 'candidates[1].id' must be a number", "string \"b\"");
        fails(() -> c.array("id"), "gen.json: field 'candidates[1].id' must be an array", "string \"b\"");
        fails(() -> c.object("o", "x"), "gen.json: field 'candidates[1].o' must be a JSON object", "array []");
        fails(() -> c.unsignedLong("k"), "gen.json: field 'candidates[1].k' must be an integer in 0..18446744073709551615", "number 1.5");
    }

    @Test
    void unknownFieldsInNestedObjectsNameTheirPath() {
        ObjectReader root = reader("{\"candidates\":[{\"id\":\"a\",\"colour\":1}]}", "candidates");
        fails(() -> root.objects("candidates", "id", "model"),
                "gen.json: unknown field 'candidates[0].colour' (allowed: id, model)", "number 1");
        ObjectReader r = reader("{\"sampling\":{\"tempreature\":1}}", "sampling");
        fails(() -> r.object("sampling", "temperature"),
                "gen.json: unknown field 'sampling.tempreature' (allowed: temperature)", "number 1");
    }

    @Test
    void rangesAndLengths() {
        ObjectReader r = reader("{\"n\":0,\"m\":70000,\"s\":\"\",\"t\":\"abcdef\",\"f\":1e39,\"d\":1e-400}",
                "n", "m", "s", "t", "f", "d");
        fails(() -> r.integer("n", 1, 65536), "gen.json: field 'n' must be ≥ 1", "0");
        fails(() -> r.integer("m", 1, 65536), "gen.json: field 'm' must be ≤ 65536", "70000");
        fails(() -> r.nonEmptyString("s", 5), "gen.json: field 's' must not be empty", "\"\"");
        fails(() -> r.nonEmptyString("t", 5), "gen.json: field 't' must be at most 5 chars long", "6 chars");
        fails(() -> r.floatValue("f"), "gen.json: field 'f' must be a number within float range", "number 1e39");
        fails(() -> r.doubleValue("d"), "gen.json: field 'd' must be a number within double range", "number 1e-400");
    }

    @Test
    void rootMustBeAnObjectAndContextCarriesTheCode() {
        JsonValue array = JsonArray.of();
        fails(() -> ObjectReader.of(array, CTX, "", "a"), "gen.json: value must be a JSON object", "array []");
        ErrorContext sampling = CTX.withCode(ErrorCode.INVALID_SAMPLING);
        assertThatThrownBy(() -> ObjectReader.of(array, sampling, "sampling", "a"))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SAMPLING);
                    assertThat(e.rule()).isEqualTo("gen.json: field 'sampling' must be a JSON object");
                });
        assertThat(new ErrorContext("", ErrorCode.INVALID_SUITE).fail("r", 1).rule()).isEqualTo("r");
    }
}
