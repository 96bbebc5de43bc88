package io.paddock.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonParserTest {
    private static final JsonLimits LIMITS = JsonLimits.ofInput(1 << 20);

    private static JsonValue parse(String text) {
        return JsonParser.parse(text, LIMITS, JsonSource.of("t.json"));
    }

    private static FormatException error(String text) {
        try {
            parse(text);
        } catch (FormatException e) {
            return e;
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void parsesEveryKindOfValue() {
        JsonValue v = parse(" {\"s\": \"x\", \"n\": -12.5e+3, \"t\": true, \"f\": false, \"z\": null,"
                + " \"a\": [1, [], {}], \"o\": {\"k\": 0}}\r\n\t");
        JsonObject o = (JsonObject) v;
        assertThat(o.members().keySet()).containsExactly("s", "n", "t", "f", "z", "a", "o");
        assertThat(o.get("s")).isEqualTo(JsonString.of("x"));
        assertThat(o.get("n")).isEqualTo(new JsonNumber("-12.5e+3"));
        assertThat(o.get("t")).isEqualTo(JsonBool.TRUE);
        assertThat(o.get("f")).isEqualTo(JsonBool.FALSE);
        assertThat(o.get("z")).isEqualTo(JsonNull.INSTANCE);
        assertThat(o.get("a")).isEqualTo(JsonArray.of(JsonNumber.of(1), JsonArray.of(), JsonObject.builder().build()));
        assertThat(o.get("o")).isEqualTo(JsonObject.builder().put("k", 0).build());
        assertThat(JsonWriter.write(v))
                .isEqualTo("{\"s\":\"x\",\"n\":-12.5e+3,\"t\":true,\"f\":false,\"z\":null,\"a\":[1,[],{}],\"o\":{\"k\":0}}");
    }

    @Test
    void scalarsAtTopLevel() {
        assertThat(parse("0")).isEqualTo(JsonNumber.of(0));
        assertThat(parse("-0")).isEqualTo(new JsonNumber("-0"));
        assertThat(parse(" \"\" ")).isEqualTo(JsonString.of(""));
        assertThat(parse("null")).isEqualTo(JsonNull.INSTANCE);
    }

    @Test
    void decodesEveryEscape() {
        assertThat(parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\u00E9\\u20AC\"")).isEqualTo(
                JsonString.of("\"\\/\b\f\n\r\tAéé€"));
        assertThat(parse("\"\\ud83d\\ude00 😀\"")).isEqualTo(JsonString.of("😀 😀"));
        assertThat(parse("\"\u2028\u2029\u007f\"")).isEqualTo(JsonString.of("\u2028\u2029\u007f"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                    | 1:1 | expected a JSON value",
        "`   `                 | 1:4 | expected a JSON value",
        "{\"a\":1,}            | 1:8 | expected an object key in double quotes",
        "{1:2}                 | 1:2 | expected an object key",
        "{'a':1}               | 1:2 | expected an object key",
        "{\"a\" 1}             | 1:6 | expected ':' after an object key",
        "{\"a\":1 \"b\":2}     | 1:8 | expected ',' or '}' after an object member",
        "{\"a\":1,\"a\":2}     | 1:8 | duplicate object key \"a\"",
        "[1,]                  | 1:4 | expected a JSON value",
        "[1 2]                 | 1:4 | expected ',' or ']' after an array element",
        "[                     | 1:2 | expected a JSON value",
        "01                    | 1:2 | leading zeros are not allowed",
        "-01                   | 1:3 | leading zeros are not allowed",
        "1.                    | 1:3 | malformed number",
        "1.e5                  | 1:3 | malformed number",
        "-                     | 1:2 | malformed number",
        "-a                    | 1:2 | malformed number",
        "1e                    | 1:3 | malformed number",
        "1e+                   | 1:4 | malformed number",
        ".5                    | 1:1 | expected a JSON value",
        "+1                    | 1:1 | expected a JSON value",
        "NaN                   | 1:1 | expected a JSON value",
        "Infinity              | 1:1 | expected a JSON value",
        "-Infinity             | 1:2 | malformed number",
        "tru                   | 1:1 | invalid literal (expected true)",
        "nul                   | 1:1 | invalid literal (expected null)",
        "True                  | 1:1 | expected a JSON value",
        "\"abc                 | 1:5 | unterminated string (opened at 1:1)",
        "\"a\\x\"              | 1:3 | invalid escape sequence",
        "\"\\u12\"             | 1:6 | \\u escape needs 4 hex digits",
        "\"\\u12g4\"           | 1:6 | \\u escape needs 4 hex digits",
        "\"\\ud800\"           | 1:2 | unpaired high surrogate",
        "\"\\ud800\\u0041\"    | 1:2 | unpaired high surrogate",
        "\"x\\udc00\"          | 1:3 | unpaired low surrogate",
        "1 2                   | 1:3 | unexpected content after the JSON value",
        "{} {}                 | 1:4 | unexpected content after the JSON value",
        "// c                  | 1:1 | expected a JSON value",
        "[1]//                 | 1:4 | unexpected content",
    })
    void rejectsWithLineColumnAndRule(String text, String where, String rule) {
        FormatException e = error(text);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SUITE);
        assertThat(e.rule()).startsWith("t.json:" + where + ": ").contains(rule);
        int column = Integer.parseInt(where.substring(2));
        assertThat(e.offset()).isEqualTo(column - 1);
    }

    @Test
    void controlCharactersInStringsAndOtherWhitespaceAreRejected() {
        assertThat(error("\"a\tb\"").rule()).contains("1:3: control character in string must be escaped");
        assertThat(error("\"a\tb\"").badValue()).isEqualTo("U+0009");
        assertThat(error("\"a\nb\"").rule()).contains("control character");
        assertThat(error("\u00a0[]").rule()).contains("expected a JSON value");
        assertThat(error("\uFEFF{}").badValue()).isEqualTo("U+FEFF");
        assertThat(error("[1,\u000b2]").badValue()).isEqualTo("U+000B");
    }

    @Test
    void rawUnpairedSurrogatesAreRejected() {
        assertThat(error("\"a\ud800\"").rule()).contains("1:3: unpaired high surrogate");
        assertThat(error("\"a\udc00b\"").rule()).contains("1:3: unpaired low surrogate");
        assertThat(error("\"a\ud800").rule()).contains("unterminated string");
    }

    @Test
    void errorsNameTheLineAndColumnOfMultiLineText() {
        FormatException e = error("{\n  \"a\": [1,\n    2 x]\n}");
        assertThat(e.rule()).isEqualTo("t.json:3:7: expected ',' or ']' after an array element");
        assertThat(e.offset()).isEqualTo(19);
        assertThat(e.badValue()).isEqualTo("'x'");
        assertThat(e.getMessage()).isEqualTo(
                "InvalidSuite (19): t.json:3:7: expected ',' or ']' after an array element at offset 19: got 'x'");
        assertThat(error("[1,\n").badValue()).isEqualTo("end of input");
    }

    @Test
    void sourceCarriesCodeFirstLineAndBaseOffset() {
        JsonSource source = new JsonSource("suite.jsonl", ErrorCode.INVALID_SAMPLING, 7, 100);
        assertThatThrownBy(() -> JsonParser.parse("{\"a\" 1}", LIMITS, source))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SAMPLING);
                    assertThat(e.rule()).startsWith("suite.jsonl:7:6: ");
                    assertThat(e.offset()).isEqualTo(105);
                });
    }

    @Test
    void nestingDepthIsBounded() {
        JsonLimits limits = new JsonLimits(1 << 20, 5, 100);
        assertThat(JsonParser.parse("[[[[{\"a\":1}]]]]", limits, JsonSource.of("d"))).isInstanceOf(JsonArray.class);
        assertThatThrownBy(() -> JsonParser.parse("[[[[[[]]]]]]", limits, JsonSource.of("d")))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.rule()).isEqualTo("d:1:6: arrays and objects nested deeper than 5 levels");
                });
        String deep = "[".repeat(200_000);
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(FormatException.class)
                .hasMessageContaining("nested deeper than 64 levels");
    }

    @Test
    void inputStringAndNumberLengthsAreBounded() {
        JsonLimits limits = new JsonLimits(20, 4, 5);
        assertThat(JsonParser.parse("[\"abcde\", 12345]", limits, JsonSource.of("l"))).isInstanceOf(JsonArray.class);
        assertThatThrownBy(() -> JsonParser.parse("\"abcdef\"", limits, JsonSource.of("l")))
                .hasMessageContaining("l:1:1: string longer than 5 chars");
        assertThatThrownBy(() -> JsonParser.parse("\"\\u0041bcdef\"", limits, JsonSource.of("l")))
                .hasMessageContaining("string longer than 5 chars");
        assertThatThrownBy(() -> JsonParser.parse("123456", limits, JsonSource.of("l")))
                .hasMessageContaining("l:1:1: number literal longer than 5 chars");
        assertThatThrownBy(() -> JsonParser.parse(" ".repeat(21), limits, JsonSource.of("l")))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.rule()).isEqualTo("l:1: JSON input longer than 20 chars");
                    assertThat(e.badValue()).isEqualTo("21 chars");
                });
    }

    @Test
    void convenienceOverloadUsesTheLabel() {
        assertThat(JsonParser.parse("[true]", 10, "x")).isEqualTo(JsonArray.of(JsonBool.TRUE));
        assertThatThrownBy(() -> JsonParser.parse("[true]", 5, "x")).hasMessageContaining("x:1: JSON input longer");
    }

    @Test
    void objectsKeepMemberOrderAndAllowEmptyKeys() {
        JsonObject o = (JsonObject) parse("{\"z\":1,\"\":2,\"a\":3}");
        assertThat(List.copyOf(o.members().keySet())).containsExactly("z", "", "a");
    }
}
