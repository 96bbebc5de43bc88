package io.paddock.trainer.data;

import io.paddock.protocol.tokenizer.ByteTokenizer;
import io.paddock.protocol.tokenizer.Tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * One training sequence in BTOK ids: {@code BOS, prompt bytes, answer bytes, EOS}. The loss covers
 * the answer and the EOS: the predictions made from position {@code answerStart − 1} onward.
 *
 * @param ids         the ids (length ≥ 3)
 * @param answerStart index in {@code ids} of the first answer id (≥ 1)
 */
public record TokenSequence(int[] ids, int answerStart) {
    private static final Tokenizer TOKENIZER = new ByteTokenizer();

    public TokenSequence {
        if (ids.length < 3 || answerStart < 1 || answerStart >= ids.length) {
            throw new IllegalArgumentException("a sequence needs BOS, a prompt or answer and EOS");
        }
    }

    /** The sequence of a prompt and its expected answer (encoded as the runtime encodes them). */
    public static TokenSequence of(String prompt, String answer) {
        int[] p = TOKENIZER.encode(prompt.getBytes(StandardCharsets.UTF_8));   // BOS … EOS
        byte[] a = answer.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[p.length + a.length];
        System.arraycopy(p, 0, ids, 0, p.length - 1);                       // drop the prompt's EOS
        for (int i = 0; i < a.length; i++) {
            ids[p.length - 1 + i] = a[i] & 0xFF;
        }
        ids[ids.length - 1] = Tokenizer.EOS;
        return new TokenSequence(ids, p.length - 1);
    }

    /** Input rows: every id but the last. */
    public int inputLength() {
        return ids.length - 1;
    }

    /** Predictions that count toward the loss (answer bytes + EOS). */
    public int targetCount() {
        return ids.length - answerStart;
    }
}
