package io.paddock.runtime.eval;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseFailure;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.tokenizer.Tokenizer;
import io.paddock.runtime.generate.GenerationResult;
import io.paddock.runtime.generate.Generator;
import io.paddock.runtime.math.Striped;
import io.paddock.runtime.model.Model;

import java.util.Arrays;

/**
 * Runs one eval case on an assembled model: generate, match, edit similarity, teacher-forced
 * log-likelihood of the expected text (docs/formats.md, "Evidence digest"). A typed error in
 * either stage makes the case a {@link CaseFailure} whose cause names the stage.
 */
final class CaseRunner {
    static final String GENERATION = "generation: ";
    static final String LOG_LIKELIHOOD = "log-likelihood: ";

    private final Generator generator;

    CaseRunner(Generator generator) {
        this.generator = generator;
    }

    CaseResult run(Model model, EvalCase c, Sampling sampling) {
        GenerationResult g;
        try {
            byte[] prompt = StrictUtf8.encode(c.prompt(), "prompt");
            g = generator.generate(model, prompt, c.maxNewTokens(), sampling);
        } catch (FormatException e) {
            return new CaseFailure(c.id(), e.code(), GENERATION + e.getMessage());
        }
        boolean matched = g.validUtf8() && c.match().matches(g.text(), c.expected());
        float similarity = EditSimilarity.of(g.text(), c.expected());
        int[] expected;
        float[] logProbs;
        try {
            expected = expectedTokens(model.tokenizer(), StrictUtf8.encode(c.expected(), "expected text"));
            logProbs = expected.length == 0 ? new float[0]
                    : generator.teacherForcedLogProbs(model, g.promptTokens(), expected);
        } catch (FormatException e) {
            return new CaseFailure(c.id(), e.code(), LOG_LIKELIHOOD + e.getMessage());
        }
        float sum = Striped.sum(logProbs, 0, logProbs.length);
        float mean = logProbs.length == 0 ? 0f : sum / (float) logProbs.length;
        return new CaseEvidence(c.id(), g.promptTokens(), g.outputTokens(), g.text(), g.validUtf8(), matched,
                similarity, sum, mean, expected.length, g.diagnostics());
    }

    /**
     * The expected text's tokens, encoded on its own: {@code encode(expected)} without its
     * leading BOS and terminal EOS.
     */
    static int[] expectedTokens(Tokenizer tokenizer, byte[] expectedUtf8) {
        int[] ids = tokenizer.encode(expectedUtf8);
        if (ids.length < 2 || ids[0] != Tokenizer.BOS || ids[ids.length - 1] != Tokenizer.EOS) {
            throw new FormatException(ErrorCode.INVALID_TOKENIZER,
                    "the tokenizer must encode a text as BOS, tokens..., EOS", Arrays.toString(ids));
        }
        return Arrays.copyOfRange(ids, 1, ids.length - 1);
    }
}
