package io.paddock.protocol.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.json.JsonString;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.MatchRule;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.suite.Suite;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class GenerationProperties {

    @Property(tries = 300)
    void writtenSpecsParseBackEqual(@ForAll("specs") GenerationSpec spec) {
        String text = GenerationWriter.write(spec);
        GenerationSpec back = GenerationParser.parse(text, "p.json");
        assertThat(back).isEqualTo(spec);
        assertThat(GenerationWriter.write(back)).isEqualTo(text);
    }

    @Property(tries = 500)
    void arbitraryTextOnlyEverFailsWithFormatException(@ForAll("hostile") String text) {
        try {
            GenerationParser.parse(text, "h.json");
        } catch (FormatException e) {
            assertThat(e.rule()).startsWith("h.json");
        }
    }

    @Property(tries = 500)
    void fieldSoupOnlyEverFailsWithFormatException(@ForAll("soup") String text) {
        try {
            GenerationParser.parse(text, "h.json");
        } catch (FormatException e) {
            assertThat(e.rule()).startsWith("h.json");
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.strings().all().ofMaxLength(100);
    }

    @Provide
    Arbitrary<String> soup() {
        Arbitrary<String> value = Arbitraries.of("1", "-1", "0", "1e400", "0.5", "\"\"", "\"x\"", "\"sha256:" + "a".repeat(64) + "\"",
                "\"sha256:x\"", "true", "null", "[]", "{}", "[\"a\"]", "[{}]", "18446744073709551616", "1025");
        Arbitrary<String> key = Arbitraries.of("name", "suite", "sampling", "objectives", "candidates", "id", "model",
                "adapters", "parent", "temperature", "top_k", "top_p", "seed", "quality", "cost", "prompt", "expected",
                "max_new_tokens", "match", "x");
        Arbitrary<String> member = Combinators.combine(key, value).as((k, v) -> "\"" + k + "\":" + v);
        Arbitrary<String> object = member.list().ofMaxSize(5).map(l -> "{" + String.join(",", l) + "}");
        Arbitrary<String> nested = Combinators.combine(key, object.list().ofMaxSize(3)).as((k, l) -> "\"" + k + "\":["
                + String.join(",", l) + "]");
        Arbitrary<String> nestedObject = Combinators.combine(key, object).as((k, o) -> "\"" + k + "\":" + o);
        return Arbitraries.oneOf(member, nested, nestedObject).list().ofMaxSize(6)
                .map(l -> "{" + String.join(",", l) + "}");
    }

    @Provide
    Arbitrary<GenerationSpec> specs() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8)
                .filter(s -> JsonString.firstUnpairedSurrogate(s) < 0 && !s.startsWith("sha256:"));
        Arbitrary<String> digests = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(h -> "sha256:" + h);
        Arbitrary<String> refs = Arbitraries.oneOf(text, digests);
        Arbitrary<Sampling> sampling = Combinators.combine(
                Arbitraries.floats().between(0f, 10f),
                Arbitraries.integers().between(1, GenerationParser.MAX_TOP_K),
                Arbitraries.floats().between(0f, 1f).filter(p -> p > 0f),
                Arbitraries.longs()).as(Sampling::new);
        Arbitrary<Double> weight = Arbitraries.oneOf(Arbitraries.doubles().between(0, 1e6),
                Arbitraries.doubles().between(0, Double.MAX_VALUE), Arbitraries.of(0.0, 1.0, 0.1, Double.MIN_VALUE));
        Arbitrary<Objectives> objectives = Combinators.combine(weight, weight, weight, weight, weight).as(Objectives::new);
        Arbitrary<SuiteRef> suite = Arbitraries.oneOf(refs.map(SuiteRef.Reference::new),
                text.map(p -> new SuiteRef.Inline(new Suite(GenerationParser.INLINE_SUITE_NAME,
                        List.of(new EvalCase("q", p, p, 1, MatchRule.PREFIX))))));
        Arbitrary<List<String>> ids = text.list().ofMinSize(1).ofMaxSize(5).uniqueElements();
        Arbitrary<List<CandidateSpec>> candidates = Combinators.combine(ids, refs.list().ofSize(5),
                refs.list().ofMaxSize(3), Arbitraries.integers().between(-1, 4)).as((is, models, adapters, parent) -> {
                    List<CandidateSpec> out = new ArrayList<>();
                    for (int i = 0; i < is.size(); i++) {
                        out.add(new CandidateSpec(is.get(i), models.get(i), i % 2 == 0 ? adapters : List.of(), i == parent));
                    }
                    return out;
                });
        return Combinators.combine(text, suite, sampling, objectives, candidates).as(GenerationSpec::new);
    }
}
