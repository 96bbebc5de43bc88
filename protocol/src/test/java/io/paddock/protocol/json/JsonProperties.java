package io.paddock.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class JsonProperties {
    private static final JsonLimits LIMITS = JsonLimits.ofInput(1 << 20);

    @Property(tries = 500)
    void writtenValuesParseBackEqual(@ForAll("values") JsonValue value) {
        String text = JsonWriter.write(value);
        JsonValue back = JsonParser.parse(text, LIMITS, JsonSource.of("p"));
        assertThat(back).isEqualTo(value);
        assertThat(JsonWriter.write(back)).isEqualTo(text);
    }

    @Property(tries = 300)
    void prettyWhitespaceDoesNotChangeTheValue(@ForAll("values") JsonValue value) {
        String text = JsonWriter.write(value);
        String spaced = text.replace(",", " ,\n\t").replace(":", "\r\n: ").replace("[", "[ ").replace("{", "{ ");
        // only safe when no string holds those characters
        if (containsStringWithPunctuation(value)) {
            return;
        }
        assertThat(JsonParser.parse(" " + spaced + "\n", LIMITS, JsonSource.of("p"))).isEqualTo(value);
    }

    @Property(tries = 1000)
    void arbitraryTextOnlyEverFailsWithFormatException(@ForAll("hostileText") String text) {
        parseOrFormatError(text);
    }

    @Property(tries = 1000)
    void mutatedJsonOnlyEverFailsWithFormatException(@ForAll("values") JsonValue value,
            @ForAll("edits") List<Tuple.Tuple3<Integer, Integer, Character>> edits) {
        StringBuilder sb = new StringBuilder(JsonWriter.write(value));
        for (Tuple.Tuple3<Integer, Integer, Character> e : edits) {
            int at = sb.length() == 0 ? 0 : e.get2() % (sb.length() + 1);
            switch (e.get1()) {
                case 0 -> sb.insert(at, e.get3());
                case 1 -> {
                    if (at < sb.length()) {
                        sb.deleteCharAt(at);
                    }
                }
                default -> {
                    if (at < sb.length()) {
                        sb.setCharAt(at, e.get3());
                    }
                }
            }
        }
        parseOrFormatError(sb.toString());
    }

    @Property(tries = 300)
    void floatsAndDoublesRoundTripExactly(@ForAll float f, @ForAll double d) {
        if (Float.isFinite(f)) {
            JsonNumber n = (JsonNumber) JsonParser.parse(JsonWriter.write(JsonNumber.of(f)), LIMITS, JsonSource.of("p"));
            assertThat(Float.floatToIntBits(n.toFloat())).isEqualTo(Float.floatToIntBits(f));
        }
        if (Double.isFinite(d)) {
            JsonNumber n = (JsonNumber) JsonParser.parse(JsonWriter.write(JsonNumber.of(d)), LIMITS, JsonSource.of("p"));
            assertThat(Double.doubleToLongBits(n.toDouble())).isEqualTo(Double.doubleToLongBits(d));
        }
    }

    @Property(tries = 1000)
    void utf8DecodingAgreesWithTheJdksStrictDecoder(@ForAll("utf8ish") byte[] data) {
        String jdk;
        try {
            jdk = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            jdk = null;
        }
        String ours;
        try {
            ours = Utf8.decode(data, "b", ErrorCode.INVALID_SUITE);
        } catch (FormatException e) {
            ours = null;
        }
        assertThat(ours).isEqualTo(jdk);
    }

    private static void parseOrFormatError(String text) {
        try {
            JsonValue v = JsonParser.parse(text, new JsonLimits(1 << 16, 16, 1 << 16), JsonSource.of("h"));
            assertThat(JsonParser.parse(JsonWriter.write(v), LIMITS, JsonSource.of("h"))).isEqualTo(v);
        } catch (FormatException e) {
            assertThat(e.rule()).startsWith("h:");
        }
    }

    private static boolean containsStringWithPunctuation(JsonValue v) {
        if (v instanceof JsonString s) {
            return s.value().matches("(?s).*[,:\\[{].*");
        }
        if (v instanceof JsonArray a) {
            return a.items().stream().anyMatch(JsonProperties::containsStringWithPunctuation);
        }
        if (v instanceof JsonObject o) {
            return o.members().keySet().stream().anyMatch(k -> k.matches("(?s).*[,:\\[{].*"))
                    || o.members().values().stream().anyMatch(JsonProperties::containsStringWithPunctuation);
        }
        return false;
    }

    @Provide
    Arbitrary<JsonValue> values() {
        return Arbitraries.recursive(this::leaves, this::containers, 0, 4);
    }

    private Arbitrary<JsonValue> containers(Arbitrary<JsonValue> inner) {
        Arbitrary<JsonValue> arrays = inner.list().ofMaxSize(4).map(JsonArray::new);
        Arbitrary<JsonValue> objects = Arbitraries.maps(wellFormedStrings(), inner).ofMaxSize(4)
                .map(m -> new JsonObject(new LinkedHashMap<>(m)));
        return Arbitraries.oneOf(arrays, objects, inner);
    }

    private Arbitrary<JsonValue> leaves() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, wellFormedStrings().map(JsonString::new)),
                Tuple.of(4, numbers()),
                Tuple.of(1, Arbitraries.of(JsonBool.TRUE, JsonBool.FALSE, JsonNull.INSTANCE)));
    }

    private Arbitrary<JsonValue> numbers() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25);
        Arbitrary<String> literal = Combinators.combine(
                Arbitraries.of("", "-"),
                Arbitraries.oneOf(Arbitraries.just("0"), digits.filter(s -> s.charAt(0) != '0')),
                Arbitraries.oneOf(Arbitraries.just(""), digits.map(s -> "." + s)),
                Arbitraries.oneOf(Arbitraries.just(""),
                        Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"), digits)
                                .as((e, s, d) -> e + s + d)))
                .as((sign, i, frac, exp) -> sign + i + frac + exp);
        return Arbitraries.oneOf(
                Arbitraries.longs().map(JsonNumber::of),
                Arbitraries.floats().filter(Float::isFinite).map(JsonNumber::of),
                Arbitraries.doubles().filter(Double::isFinite).map(JsonNumber::of),
                literal.map(JsonNumber::new));
    }

    private Arbitrary<String> wellFormedStrings() {
        return Arbitraries.oneOf(
                        Arbitraries.strings().all().ofMaxLength(12),
                        Arbitraries.strings().withCharRange('\u0000', '\u007f').ofMaxLength(12),
                        Arbitraries.strings().withChars("\"\\/\b\f\n\r\t\u2028\u2029\u0000\u001f\ud83d\ude00 a")
                                .ofMaxLength(12))
                .filter(s -> JsonString.firstUnpairedSurrogate(s) < 0);
    }

    @Provide
    Arbitrary<String> hostileText() {
        Arbitrary<String> jsonish = Arbitraries.strings()
                .withChars("{}[]:,\"\\/ \t\n\r0123456789-+.eEtrufalsn\u0000\ud800\udc00\u2028é")
                .ofMaxLength(60);
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(60), jsonish);
    }

    @Provide
    Arbitrary<List<Tuple.Tuple3<Integer, Integer, Character>>> edits() {
        Arbitrary<Character> chars = Arbitraries.of('{', '}', '[', ']', ':', ',', '"', '\\', '0', '-', '.', 'e',
                'u', 'x', ' ', '\n', '\ud800', '\u0001');
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 10_000), chars)
                .as(Tuple::of).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<byte[]> utf8ish() {
        Arbitrary<Byte> bytes = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.bytes()),
                Tuple.of(3, Arbitraries.integers().between(0x80, 0xBF).map(i -> (byte) (int) i)),
                Tuple.of(2, Arbitraries.integers().between(0xC0, 0xFF).map(i -> (byte) (int) i)),
                Tuple.of(2, Arbitraries.integers().between(0x20, 0x7E).map(i -> (byte) (int) i)));
        Arbitrary<byte[]> valid = wellFormedStrings().map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> random = bytes.list().ofMaxSize(12).map(list -> {
            byte[] out = new byte[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
            }
            return out;
        });
        return Arbitraries.oneOf(valid, random);
    }

}
