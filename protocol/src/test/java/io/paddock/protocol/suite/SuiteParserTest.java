package io.paddock.protocol.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.hash.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuiteParserTest {
    private static final String GOOD = "{\"id\": \"q1\", \"prompt\": \"2+2=\", \"expected\": \"4\", \"max_new_tokens\": 4}\n"
            + "\n"
            + "  \t\r\n"
            + "{\"match\": \"prefix\", \"id\": \"q2\", \"prompt\": \"Capital of France?\", \"expected\": \"Paris\", \"max_new_tokens\": 16}\r\n"
            + "{\"id\":\"q3\",\"prompt\":\"é😀\\n\",\"expected\":\"\\u2028\",\"max_new_tokens\":65536,\"match\":\"contains\"}";

    private static FormatException error(String text) {
        try {
            SuiteParser.parse(text, "suite.jsonl");
        } catch (FormatException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SUITE);
            return e;
        }
        throw new AssertionError("accepted: " + text);
    }

    private static String line(String extra) {
        return "{\"id\":\"a\",\"prompt\":\"p\",\"expected\":\"e\",\"max_new_tokens\":1" + extra + "}";
    }

    @Test
    void parsesCasesSkippingBlankLines() {
        Suite s = SuiteParser.parse(GOOD, "suite.jsonl");
        assertThat(s.name()).isEqualTo("suite.jsonl");
        assertThat(s.cases()).containsExactly(
                new EvalCase("q1", "2+2=", "4", 4, MatchRule.EXACT),
                new EvalCase("q2", "Capital of France?", "Paris", 16, MatchRule.PREFIX),
                new EvalCase("q3", "é😀\n", "\u2028", 65536, MatchRule.CONTAINS));
        assertThat(SuiteParser.parse(GOOD.getBytes(StandardCharsets.UTF_8), "suite.jsonl")).isEqualTo(s);
        assertThat(SuiteParser.parse(GOOD + "\n", "suite.jsonl")).isEqualTo(s);
    }

    @Test
    void fieldErrorsAreLinePrecise() {
        String prefix = line("") + "\n\n";
        assertThat(error(prefix + "{\"id\":\"b\",\"prompt\":\"p\",\"expected\":\"e\",\"max_new_tokens\":0}").getMessage())
                .isEqualTo("InvalidSuite (19): suite.jsonl:3: field 'max_new_tokens' must be ≥ 1: got 0");
        assertRule(line("").replace(":1}", ":65537}"), "suite.jsonl:1: field 'max_new_tokens' must be ≤ 65536", "65537");
        assertRule(line("").replace(":1}", ":1.0}"), "suite.jsonl:1: field 'max_new_tokens' must be an integer in -2147483648..2147483647", "number 1.0");
        assertRule(line("").replace(":1}", ":\"1\"}"), "suite.jsonl:1: field 'max_new_tokens' must be a number", "string \"1\"");
        assertRule(line(",\"colour\":1"), "suite.jsonl:1: unknown field 'colour' (allowed: id, prompt, expected, max_new_tokens, match)", "number 1");
        assertRule("{\"id\":\"a\",\"prompt\":\"p\",\"max_new_tokens\":1}", "suite.jsonl:1: missing field 'expected'",
                "object with fields [id, prompt, max_new_tokens]");
        assertRule(line(",\"match\":\"regex\""), "suite.jsonl:1: field 'match' must be one of exact, prefix, contains", "\"regex\"");
        assertRule(line(",\"match\":null"), "suite.jsonl:1: field 'match' must be a string", "null");
        assertRule(line("").replace("\"id\":\"a\"", "\"id\":7"), "suite.jsonl:1: field 'id' must be a string", "number 7");
        assertRule(line("").replace("\"id\":\"a\"", "\"id\":\"\""), "suite.jsonl:1: field 'id' must not be empty", "\"\"");
        assertRule(line("").replace("\"prompt\":\"p\"", "\"prompt\":\"\""), "suite.jsonl:1: field 'prompt' must not be empty", "\"\"");
        assertRule(line("").replace("\"expected\":\"e\"", "\"expected\":\"\""), "suite.jsonl:1: field 'expected' must not be empty", "\"\"");
        assertRule(line("").replace("\"id\":\"a\"", "\"id\":\"" + "x".repeat(257) + "\""),
                "suite.jsonl:1: field 'id' must be at most 256 chars long", "257 chars");
        assertRule("[1]", "suite.jsonl:1: value must be a JSON object", "array [1]");
    }

    @Test
    void jsonSyntaxErrorsNameLineAndColumn() {
        FormatException e = error(line("") + "\n" + "{\"id\":\"b\",}");
        assertThat(e.rule()).isEqualTo("suite.jsonl:2:11: expected an object key in double quotes");
        assertThat(e.offset()).isEqualTo(line("").length() + 1 + 10);
        assertThat(error(line("") + " x").rule()).isEqualTo("suite.jsonl:1:" + (line("").length() + 2)
                + ": unexpected content after the JSON value");
        assertThat(error("{\"id\":\"a\",\"id\":\"b\"}").rule()).contains("duplicate object key \"id\"");
    }

    @Test
    void duplicateIdsNameBothLines() {
        String text = line("") + "\n" + line("").replace("\"a\"", "\"b\"") + "\n\n" + line("");
        FormatException e = error(text);
        assertThat(e.rule()).isEqualTo("suite.jsonl:4: duplicate case id (first on line 1)");
        assertThat(e.badValue()).isEqualTo("\"a\"");
    }

    @Test
    void emptySuitesAreErrors() {
        assertThat(error("").rule()).isEqualTo("suite.jsonl: suite has no cases");
        assertThat(error("\n  \n\r\n").rule()).isEqualTo("suite.jsonl: suite has no cases");
    }

    @Test
    void invalidUtf8IsAnErrorWithLineAndOffset() {
        byte[] good = (line("") + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[good.length + 3];
        System.arraycopy(good, 0, bad, 0, good.length);
        bad[good.length] = '"';
        bad[good.length + 1] = (byte) 0xC3;
        bad[good.length + 2] = '"';
        assertThatThrownBy(() -> SuiteParser.parse(bad, "s.jsonl"))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SUITE);
                    assertThat(e.rule()).isEqualTo("s.jsonl:2: invalid UTF-8 (expected a continuation byte)");
                    assertThat(e.offset()).isEqualTo(good.length + 1);
                });
    }

    @Test
    void limitsAreEnforced() {
        String two = line("") + "\n" + line("").replace("\"a\"", "\"b\"") + "\n";
        SuiteLimits oneCase = new SuiteLimits(1 << 20, 1000, 1);
        assertThatThrownBy(() -> SuiteParser.parse(two, "s", oneCase))
                .hasMessageContaining("s:2: suite has more than 1 cases");
        SuiteLimits shortLines = new SuiteLimits(1 << 20, 20, 10);
        assertThatThrownBy(() -> SuiteParser.parse(two, "s", shortLines))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.rule()).isEqualTo("s:1: line longer than 20 chars");
                    assertThat(e.badValue()).isEqualTo(line("").length() + " chars");
                });
        SuiteLimits small = new SuiteLimits(10, 1000, 10);
        assertThatThrownBy(() -> SuiteParser.parse(two, "s", small)).hasMessageContaining("s: suite larger than 10 bytes");
        byte[] bytes = two.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SuiteParser.parse(bytes, "s", small))
                .hasMessageContaining("s: suite larger than 10 bytes: got " + bytes.length + " bytes");
        assertThatThrownBy(() -> SuiteParser.parse("[[[[[[[[[[]]]]]]]]]]", "s"))
                .hasMessageContaining("nested deeper than 8 levels");
    }

    @Test
    void canonicalFormRoundTripsAndIsStable() {
        Suite s = SuiteParser.parse(GOOD, "suite.jsonl");
        String canonical = SuiteWriter.toJsonl(s);
        assertThat(canonical).isEqualTo(
                "{\"id\":\"q1\",\"prompt\":\"2+2=\",\"expected\":\"4\",\"max_new_tokens\":4,\"match\":\"exact\"}\n"
                + "{\"id\":\"q2\",\"prompt\":\"Capital of France?\",\"expected\":\"Paris\",\"max_new_tokens\":16,\"match\":\"prefix\"}\n"
                + "{\"id\":\"q3\",\"prompt\":\"é😀\\n\",\"expected\":\"\\u2028\",\"max_new_tokens\":65536,\"match\":\"contains\"}\n");
        assertThat(SuiteParser.parse(canonical, "suite.jsonl")).isEqualTo(s);
        assertThat(SuiteWriter.toUtf8(s)).isEqualTo(canonical.getBytes(StandardCharsets.UTF_8));
        assertThat(SuiteWriter.digest(s)).isEqualTo(Digest.of(canonical.getBytes(StandardCharsets.UTF_8)));
        Suite renamed = new Suite("other", s.cases());
        assertThat(SuiteWriter.digest(renamed)).isEqualTo(SuiteWriter.digest(s));
    }

    @Test
    void suiteRecordChecksItsInvariants() {
        EvalCase c = new EvalCase("a", "p", "e", 1, MatchRule.EXACT);
        assertThatThrownBy(() -> new Suite("s", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Suite("s", List.of(c, c))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeats case id 'a'");
        assertThat(new Suite("s", List.of(c)).size()).isEqualTo(1);
    }

    private static void assertRule(String text, String rule, String bad) {
        FormatException e = error(text);
        assertThat(e.rule()).isEqualTo(rule);
        assertThat(e.badValue()).isEqualTo(bad);
    }
}
