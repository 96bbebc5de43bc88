package io.paddock.protocol.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.json.ErrorContext;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.MatchRule;
import io.paddock.protocol.suite.Sampling;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationParserTest {
    static final String D1 = "sha256:" + "a".repeat(64);
    static final String D2 = "sha256:" + "b".repeat(64);

    static final String FULL = """
            {
              "name": "gen-7",
              "suite": "suites/arith.jsonl",
              "sampling": {"temperature": 0.7, "top_k": 40, "top_p": 0.9, "seed": 18446744073709551615},
              "objectives": {"quality": 1, "loglik": 0.5, "cost": 0.25, "speed": 0, "size": 1e-3},
              "candidates": [
                {"id": "base", "model": "models/base.slm", "parent": true},
                {"id": "c1", "model": "models/base.slm", "adapters": ["adapters/a.adp", "adapters/b.alr"], "parent": false}
              ]
            }
            """;

    private static GenerationSpec parse(String text) {
        return GenerationParser.parse(text, "gen.json");
    }

    private static FormatException error(String text) {
        try {
            parse(text);
        } catch (FormatException e) {
            return e;
        }
        throw new AssertionError("accepted: " + text);
    }

    /** A minimal valid generation with {@code extra} spliced in after the name. */
    private static String minimal(String extra) {
        return "{\"name\":\"g\"," + extra + "\"suite\":\"s.jsonl\",\"candidates\":[{\"id\":\"a\",\"model\":\"m.slm\"}]}";
    }

    private static String withCandidates(String candidates) {
        return "{\"name\":\"g\",\"suite\":\"s.jsonl\",\"candidates\":" + candidates + "}";
    }

    @Test
    void parsesEveryField() {
        GenerationSpec g = parse(FULL);
        assertThat(g.name()).isEqualTo("gen-7");
        assertThat(g.suite()).isEqualTo(new SuiteRef.Reference("suites/arith.jsonl"));
        assertThat(g.sampling()).isEqualTo(new Sampling(0.7f, 40, 0.9f, -1L));
        assertThat(g.objectives()).isEqualTo(new Objectives(1, 0.5, 0.25, 0, 0.001));
        assertThat(g.candidates()).containsExactly(
                new CandidateSpec("base", "models/base.slm", List.of(), true),
                new CandidateSpec("c1", "models/base.slm", List.of("adapters/a.adp", "adapters/b.alr"), false));
        assertThat(g.parent()).contains(g.candidates().get(0));
        assertThat(GenerationParser.parse(FULL.getBytes(StandardCharsets.UTF_8), "gen.json")).isEqualTo(g);
    }

    @Test
    void defaultsFillWhatIsAbsent() {
        GenerationSpec g = parse(minimal(""));
        assertThat(g.sampling()).isEqualTo(Sampling.GREEDY);
        assertThat(g.objectives()).isEqualTo(Objectives.DEFAULT);
        assertThat(g.objectives()).isEqualTo(new Objectives(1, 0, 0, 0, 0));
        assertThat(g.candidates().get(0)).isEqualTo(new CandidateSpec("a", "m.slm", List.of(), false));
        assertThat(g.parent()).isEmpty();
    }

    @Test
    void partialSamplingAndObjectivesKeepTheOtherDefaults() {
        GenerationSpec g = parse(minimal("\"sampling\":{\"seed\":42,\"temperature\":1.5},\"objectives\":{\"cost\":2},"));
        assertThat(g.sampling()).isEqualTo(new Sampling(1.5f, 1, 1f, 42));
        assertThat(g.objectives()).isEqualTo(new Objectives(1, 0, 2, 0, 0));
        assertThat(parse(minimal("\"objectives\":{\"quality\":0,\"size\":3},")).objectives())
                .isEqualTo(new Objectives(0, 0, 0, 0, 3));
        assertThat(parse(minimal("\"sampling\":{},")).sampling()).isEqualTo(Sampling.GREEDY);
    }

    @Test
    void inlineSuites() {
        GenerationSpec g = parse("{\"name\":\"g\",\"suite\":[{\"id\":\"q\",\"prompt\":\"p\",\"expected\":\"e\","
                + "\"max_new_tokens\":3,\"match\":\"prefix\"}],\"candidates\":[{\"id\":\"a\",\"model\":\"" + D1 + "\"}]}");
        SuiteRef.Inline inline = (SuiteRef.Inline) g.suite();
        assertThat(inline.suite().name()).isEqualTo(GenerationParser.INLINE_SUITE_NAME);
        assertThat(inline.suite().cases()).containsExactly(new EvalCase("q", "p", "e", 3, MatchRule.PREFIX));
        assertRule("{\"name\":\"g\",\"suite\":[{\"id\":\"q\",\"prompt\":\"p\",\"expected\":\"e\",\"max_new_tokens\":0}],"
                + "\"candidates\":[{\"id\":\"a\",\"model\":\"m\"}]}",
                "gen.json: field 'suite[0].max_new_tokens' must be ≥ 1", "0");
        String c = "{\"id\":\"q\",\"prompt\":\"p\",\"expected\":\"e\",\"max_new_tokens\":1}";
        assertRule("{\"name\":\"g\",\"suite\":[" + c + "," + c + "],\"candidates\":[{\"id\":\"a\",\"model\":\"m\"}]}",
                "gen.json: field 'suite[1].id' repeats the id of suite[0]", "\"q\"");
        assertRule("{\"name\":\"g\",\"suite\":[],\"candidates\":[{\"id\":\"a\",\"model\":\"m\"}]}",
                "gen.json: field 'suite' must hold at least one case", "[]");
        assertRule("{\"name\":\"g\",\"suite\":{},\"candidates\":[{\"id\":\"a\",\"model\":\"m\"}]}",
                "gen.json: field 'suite' must be a string (a path or sha256 digest) or an array of cases", "object {}");
    }

    @Test
    void topLevelErrors() {
        assertRule(minimal("\"colour\":1,"),
                "gen.json: unknown field 'colour' (allowed: name, suite, sampling, objectives, candidates)", "number 1");
        assertRule("{\"suite\":\"s\",\"candidates\":[]}", "gen.json: missing field 'name'",
                "object with fields [suite, candidates]");
        assertRule("{\"name\":\"\",\"suite\":\"s\",\"candidates\":[]}", "gen.json: field 'name' must not be empty", "\"\"");
        assertRule("{\"name\":\"g\",\"suite\":\"\",\"candidates\":[]}", "gen.json: field 'suite' must not be empty", "\"\"");
        assertRule(withCandidates("[]"), "gen.json: field 'candidates' must hold at least one candidate", "[]");
        assertRule(withCandidates("{}"), "gen.json: field 'candidates' must be an array", "object {}");
        assertRule("[]", "gen.json: value must be a JSON object", "array []");
        assertThat(error("{\"name\":\"g\",\n\"suite\": 'x'}").rule()).isEqualTo("gen.json:2:10: expected a JSON value "
                + "(object, array, string, number, true, false or null)");
    }

    @Test
    void candidateErrorsNameTheirPath() {
        assertRule(withCandidates("[{\"id\":\"a\",\"model\":\"m\"},{\"id\":\"b\",\"model\":\"m\",\"adapters\":[\"x\",5]}]"),
                "gen.json: field 'candidates[1].adapters[1]' must be a string", "number 5");
        assertRule(withCandidates("[{\"id\":\"a\",\"model\":\"m\",\"adapters\":[\"\"]}]"),
                "gen.json: field 'candidates[0].adapters[0]' must not be empty", "\"\"");
        assertRule(withCandidates("[{\"id\":\"a\",\"model\":\"m\"},{\"id\":\"b\"}]"),
                "gen.json: missing field 'candidates[1].model'", "object with fields [id]");
        assertRule(withCandidates("[{\"id\":\"a\",\"model\":\"m\",\"weight\":2}]"),
                "gen.json: unknown field 'candidates[0].weight' (allowed: id, model, adapters, parent)", "number 2");
        assertRule(withCandidates("[{\"id\":\"a\",\"model\":\"m\"},{\"id\":\"a\",\"model\":\"n\"}]"),
                "gen.json: field 'candidates[1].id' repeats the id of candidates[0]", "\"a\"");
        assertRule(withCandidates("[{\"id\":\"a\",\"model\":\"m\",\"parent\":true},{\"id\":\"b\",\"model\":\"m\"},"
                + "{\"id\":\"c\",\"model\":\"m\",\"parent\":true}]"),
                "gen.json: field 'candidates[2].parent' marks a second parent (candidates[0] is one already)", "true");
        assertRule(withCandidates("[{\"id\":\"a\",\"model\":\"m\",\"parent\":\"yes\"}]"),
                "gen.json: field 'candidates[0].parent' must be true or false", "string \"yes\"");
        assertRule(withCandidates("[{\"id\":\"a\",\"model\":\"sha256:ABC\"}]"),
                "gen.json: field 'candidates[0].model' must be a package digest sha256:<64 lowercase hex> "
                + "(digest must have exactly 64 hex digits after 'sha256:', it has 3)", "\"sha256:ABC\"");
        assertRule(withCandidates("[7]"), "gen.json: field 'candidates[0]' must be a JSON object", "number 7");
    }

    @Test
    void samplingErrorsCarryTheSamplingCode() {
        assertSampling("\"temperature\":-0.5", "gen.json: field 'sampling.temperature' must be ≥ 0", "number -0.5");
        assertSampling("\"temperature\":1e39", "gen.json: field 'sampling.temperature' must be a number within float range", "number 1e39");
        assertSampling("\"top_k\":0", "gen.json: field 'sampling.top_k' must be ≥ 1", "0");
        assertSampling("\"top_k\":1025", "gen.json: field 'sampling.top_k' must be ≤ 1024", "1025");
        assertSampling("\"top_p\":0", "gen.json: field 'sampling.top_p' must be in (0, 1]", "number 0");
        assertSampling("\"top_p\":1.0001", "gen.json: field 'sampling.top_p' must be in (0, 1]", "number 1.0001");
        assertSampling("\"seed\":-1", "gen.json: field 'sampling.seed' must be an integer in 0..18446744073709551615", "number -1");
        assertSampling("\"tempreature\":1", "gen.json: unknown field 'sampling.tempreature' (allowed: temperature, top_k, top_p, seed)", "number 1");
        FormatException e = error(minimal("\"sampling\":[],"));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SAMPLING);
        assertThat(e.rule()).isEqualTo("gen.json: field 'sampling' must be a JSON object");
    }

    @Test
    void objectiveErrors() {
        assertRule(minimal("\"objectives\":{\"accuracy\":1},"),
                "gen.json: unknown field 'objectives.accuracy' (allowed: quality, loglik, cost, speed, size)", "number 1");
        assertRule(minimal("\"objectives\":{\"cost\":-1},"), "gen.json: field 'objectives.cost' must be ≥ 0", "number -1");
        assertRule(minimal("\"objectives\":{\"speed\":1e400},"),
                "gen.json: field 'objectives.speed' must be a number within double range", "number 1e400");
        assertRule(minimal("\"objectives\":{\"size\":\"1\"},"), "gen.json: field 'objectives.size' must be a number", "string \"1\"");
    }

    @Test
    void limits() {
        GenerationLimits tight = new GenerationLimits(1 << 20, 1, 1, io.paddock.protocol.suite.SuiteLimits.DEFAULT);
        assertThatThrownBy(() -> GenerationParser.parse(withCandidates(
                "[{\"id\":\"a\",\"model\":\"m\"},{\"id\":\"b\",\"model\":\"m\"}]"), "g", tight))
                .hasMessageContaining("g: field 'candidates' must hold at most 1 candidates: got 2 candidates");
        assertThatThrownBy(() -> GenerationParser.parse(withCandidates(
                "[{\"id\":\"a\",\"model\":\"m\",\"adapters\":[\"x\",\"y\"]}]"), "g", tight))
                .hasMessageContaining("g: field 'candidates[0].adapters' must hold at most 1 adapters: got 2 adapters");
        GenerationLimits tiny = new GenerationLimits(10, 1, 1, io.paddock.protocol.suite.SuiteLimits.DEFAULT);
        assertThatThrownBy(() -> GenerationParser.parse(minimal(""), "g", tiny))
                .hasMessageContaining("g: generation larger than 10 bytes");
        assertThatThrownBy(() -> GenerationParser.parse(minimal("").getBytes(StandardCharsets.UTF_8), "g", tiny))
                .hasMessageContaining("g: generation larger than 10 bytes");
        assertThatThrownBy(() -> GenerationParser.parse(new byte[] {'{', (byte) 0xFF, '}'}, "g"))
                .hasMessageContaining("g:1: invalid UTF-8");
    }

    @Test
    void digestReferencesForCoordinators() {
        GenerationSpec paths = parse(FULL);
        ErrorContext ctx = ErrorContext.of("POST /v1/generations");
        assertThatThrownBy(() -> paths.requireDigestReferences(ctx))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.rule())
                        .isEqualTo("POST /v1/generations: field 'suite' must be a package digest sha256:<64 lowercase hex>"));
        GenerationSpec digests = parse("{\"name\":\"g\",\"suite\":\"" + D1 + "\",\"candidates\":[{\"id\":\"a\",\"model\":\""
                + D1 + "\",\"adapters\":[\"" + D2 + "\"]},{\"id\":\"b\",\"model\":\"" + D1 + "\",\"adapters\":[\"x.adp\"]}]}");
        assertThatThrownBy(() -> digests.requireDigestReferences(ctx))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.rule()).isEqualTo("POST /v1/generations: field 'candidates[1].adapters[0]' must be a "
                            + "package digest sha256:<64 lowercase hex>");
                    assertThat(e.badValue()).isEqualTo("\"x.adp\"");
                });
        GenerationSpec ok = parse("{\"name\":\"g\",\"suite\":\"" + D1 + "\",\"candidates\":[{\"id\":\"a\",\"model\":\""
                + D1 + "\",\"adapters\":[\"" + D2 + "\"]}]}");
        ok.requireDigestReferences(ctx);
    }

    @Test
    void specRecordsCheckTheirInvariants() {
        CandidateSpec a = new CandidateSpec("a", "m", List.of(), true);
        SuiteRef s = new SuiteRef.Reference("s");
        assertThatThrownBy(() -> new GenerationSpec("g", s, Sampling.GREEDY, Objectives.DEFAULT, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GenerationSpec("g", s, Sampling.GREEDY, Objectives.DEFAULT, List.of(a, a)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GenerationSpec("g", s, Sampling.GREEDY, Objectives.DEFAULT,
                List.of(a, new CandidateSpec("b", "m", List.of(), true)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Objectives(-1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Objectives(1, Double.NaN, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Objectives(1, 2, 3, 4, 5).weight("speed")).isEqualTo(4);
    }

    private static void assertSampling(String fields, String rule, String bad) {
        FormatException e = error(minimal("\"sampling\":{" + fields + "},"));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SAMPLING);
        assertThat(e.rule()).isEqualTo(rule);
        assertThat(e.badValue()).isEqualTo(bad);
    }

    private static void assertRule(String text, String rule, String bad) {
        FormatException e = error(text);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SUITE);
        assertThat(e.rule()).isEqualTo(rule);
        assertThat(e.badValue()).isEqualTo(bad);
    }
}
