package io.paddock.protocol.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SuiteProperties {

    @Property(tries = 300)
    void canonicalJsonlParsesBackToTheSameSuite(@ForAll("suites") Suite suite) {
        String text = SuiteWriter.toJsonl(suite);
        Suite back = SuiteParser.parse(text, suite.name());
        assertThat(back).isEqualTo(suite);
        assertThat(SuiteParser.parse(SuiteWriter.toUtf8(suite), suite.name())).isEqualTo(suite);
        assertThat(SuiteWriter.toJsonl(back)).isEqualTo(text);
        assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(suite.size());
    }

    @Property(tries = 500)
    void arbitraryTextOnlyEverFailsWithFormatException(@ForAll("hostile") String text) {
        try {
            SuiteParser.parse(text, "h.jsonl");
        } catch (FormatException e) {
            assertThat(e.rule()).startsWith("h.jsonl");
        }
    }

    @Property(tries = 500)
    void arbitraryBytesOnlyEverFailWithFormatException(@ForAll byte[] data) {
        try {
            SuiteParser.parse(data, "h.jsonl");
        } catch (FormatException e) {
            assertThat(e.rule()).startsWith("h.jsonl");
        }
    }

    @Property(tries = 300)
    void mutatedSuitesOnlyEverFailWithFormatException(@ForAll("suites") Suite suite,
            @ForAll("positions") List<Integer> cuts, @ForAll byte flip) {
        byte[] bytes = SuiteWriter.toUtf8(suite);
        for (int cut : cuts) {
            int at = cut % bytes.length;
            bytes[at] ^= (byte) (flip | 1);
        }
        try {
            SuiteParser.parse(bytes, "m.jsonl");
        } catch (FormatException e) {
            assertThat(e.rule()).startsWith("m.jsonl");
        }
    }

    @Provide
    Arbitrary<List<Integer>> positions() {
        return Arbitraries.integers().between(0, 1_000_000).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> fieldy = Arbitraries.of("{", "}", "\"id\"", "\"prompt\"", "\"expected\"", "\"max_new_tokens\"",
                "\"match\"", "\"exact\"", ":", ",", "\n", "\r\n", "0", "1", "65537", "-1", "\"x\"", "null", " ")
                .list().ofMaxSize(30).map(l -> String.join("", l));
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(80), fieldy);
    }

    @Provide
    Arbitrary<Suite> suites() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(10)
                .filter(s -> JsonString.firstUnpairedSurrogate(s) < 0);
        Arbitrary<EvalCase> cases = Combinators.combine(text, text,
                        Arbitraries.integers().between(1, SuiteParser.MAX_NEW_TOKENS), Arbitraries.of(MatchRule.class))
                .as((prompt, expected, n, match) -> new EvalCase("", prompt, expected, n, match));
        return Combinators.combine(text.list().ofMinSize(1).ofMaxSize(6).uniqueElements(), cases.list().ofSize(6))
                .as((ids, cs) -> {
                    List<EvalCase> out = new ArrayList<>();
                    for (int i = 0; i < ids.size(); i++) {
                        EvalCase c = cs.get(i);
                        out.add(new EvalCase(ids.get(i), c.prompt(), c.expected(), c.maxNewTokens(), c.match()));
                    }
                    return new Suite("p.jsonl", out);
                });
    }
}
