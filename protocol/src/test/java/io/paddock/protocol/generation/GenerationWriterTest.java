package io.paddock.protocol.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.MatchRule;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.suite.Suite;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationWriterTest {

    @Test
    void writesEveryFieldExplicitlyInFormatOrder() {
        GenerationSpec g = GenerationParser.parse("{\"candidates\":[{\"id\":\"a\",\"model\":\"m.slm\"}],"
                + "\"suite\":\"s.jsonl\",\"name\":\"g\"}", "g.json");
        assertThat(GenerationWriter.write(g)).isEqualTo("{\"name\":\"g\",\"suite\":\"s.jsonl\","
                + "\"sampling\":{\"temperature\":0.0,\"top_k\":1,\"top_p\":1.0,\"seed\":1},"
                + "\"objectives\":{\"quality\":1.0,\"loglik\":0.0,\"cost\":0.0,\"speed\":0.0,\"size\":0.0},"
                + "\"candidates\":[{\"id\":\"a\",\"model\":\"m.slm\",\"adapters\":[],\"parent\":false}]}");
    }

    @Test
    void roundTripsThroughTheParser() {
        GenerationSpec full = GenerationParser.parse(GenerationParserTest.FULL, "gen.json");
        String text = GenerationWriter.write(full);
        assertThat(GenerationParser.parse(text, "gen.json")).isEqualTo(full);
        assertThat(text).contains("\"sampling\":{\"temperature\":0.7,\"top_k\":40,\"top_p\":0.9,\"seed\":18446744073709551615}");
        assertThat(text).contains("\"size\":0.001");
    }

    @Test
    void inlineSuitesAreWrittenAsCaseArrays() {
        Suite suite = new Suite(GenerationParser.INLINE_SUITE_NAME,
                List.of(new EvalCase("q", "p\n", "e", 2, MatchRule.CONTAINS)));
        GenerationSpec g = new GenerationSpec("g", new SuiteRef.Inline(suite), new Sampling(0.25f, 3, 0.5f, 0),
                new Objectives(0, 1, 0, 0, 0), List.of(new CandidateSpec("a", GenerationParserTest.D1,
                        List.of(GenerationParserTest.D2), true)));
        String text = GenerationWriter.write(g);
        assertThat(text).contains("\"suite\":[{\"id\":\"q\",\"prompt\":\"p\\n\",\"expected\":\"e\",\"max_new_tokens\":2,"
                + "\"match\":\"contains\"}]");
        assertThat(GenerationParser.parse(text, "x")).isEqualTo(g);
    }
}
