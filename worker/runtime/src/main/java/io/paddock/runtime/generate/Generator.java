package io.paddock.runtime.generate;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.evidence.Diagnostics;
import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.tokenizer.Tokenizer;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.math.LogSoftmax;
import io.paddock.runtime.model.Model;
import io.paddock.runtime.model.ModelConfig;
import io.paddock.runtime.model.State;
import io.paddock.runtime.model.Transformer;
import io.paddock.runtime.sample.Sampler;

import java.util.Arrays;
import java.util.Objects;

/**
 * Runs generations (C11, reference §10.1) and teacher-forced scoring on one preallocated
 * {@link State}. Any model can be passed to any call: the state is reused when the model has
 * the same shape as the previous one (switching costs nothing) and reallocated otherwise.
 * Every call starts from a clear state and a PRNG re-seeded from the sampling seed, so its
 * result never depends on earlier calls. A failing call throws a {@link FormatException},
 * records its error name in {@link #lastError()} and leaves the generator usable.
 * Not thread-safe: one generator per thread.
 */
public final class Generator {
    /** Largest accepted max_new_tokens. */
    public static final int MAX_NEW_TOKENS = 65536;
    /** The bounded result buffer of the reference (OutputBufferExceeded beyond it). */
    public static final int MAX_OUTPUT_BYTES = 65536;

    private final Kernels kernels;
    private final Sampler sampler;
    private State state;
    private String lastError = "";

    public Generator(Kernels kernels) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.sampler = new Sampler(kernels);
    }

    /** A generator whose state is allocated up front for {@code model}'s shape. */
    public Generator(Kernels kernels, Model model) {
        this(kernels);
        use(model);
    }

    /** Readies the state for {@code model}: kept when the shape matches, else reallocated. */
    public void use(Model model) {
        if (state == null || !state.fits(model.config())) {
            state = new State(model.config());
        }
    }

    public Kernels kernels() {
        return kernels;
    }

    /** The published name of the last call's error (e.g. "ContextExceeded"), or "" if it succeeded. */
    public String lastError() {
        return lastError;
    }

    /**
     * Generates up to {@code maxNewTokens} tokens after {@code promptUtf8}: validate, tokenize
     * (BOS kept, one terminal EOS stripped), prefill, then sample; EOS stops (and is not
     * emitted), as do {@code maxNewTokens} and a full context. The last sampled token is not
     * fed back, so the final KV length is prompt + generated − 1 unless EOS ended the run.
     *
     * @throws FormatException InvalidSampling, InvalidLength (max_new_tokens, empty prompt),
     *                         InvalidUtf8, ContextExceeded, OutputBufferExceeded
     */
    public GenerationResult generate(Model model, byte[] promptUtf8, int maxNewTokens, Sampling sampling) {
        lastError = "";
        try {
            return run(model, promptUtf8, maxNewTokens, sampling);
        } catch (RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    /**
     * The prompt's token ids as {@link #generate} prefills them: valid UTF-8 (InvalidUtf8),
     * not empty (InvalidLength), BOS kept, one terminal EOS stripped, fewer than max_context
     * tokens (ContextExceeded).
     */
    public static int[] promptTokens(Model model, byte[] promptUtf8) {
        int bad = Utf8.firstInvalidOffset(promptUtf8);
        if (bad >= 0) {
            throw new FormatException(ErrorCode.INVALID_UTF8, "prompt must be valid UTF-8", bad,
                    "byte 0x" + Integer.toHexString(promptUtf8[bad] & 0xFF));
        }
        if (promptUtf8.length == 0) {
            throw new FormatException(ErrorCode.INVALID_LENGTH, "prompt must not be empty", 0);
        }
        int[] ids = model.tokenizer().encode(promptUtf8);
        if (ids.length > 0 && ids[ids.length - 1] == Tokenizer.EOS) {
            ids = Arrays.copyOf(ids, ids.length - 1);
        }
        int maxContext = model.config().maxContext();
        if (ids.length >= maxContext) {
            throw new FormatException(ErrorCode.CONTEXT_EXCEEDED,
                    "prompt must have fewer tokens than max_context " + maxContext, ids.length);
        }
        return ids;
    }

    /**
     * Teacher forcing (C11): prefills {@code promptTokens}, then for each continuation token
     * reads log-softmax(logits)[token] (C9) and feeds that token. Returns one log-probability
     * per continuation token; their sum is the log-likelihood of the continuation.
     *
     * @throws FormatException InvalidLength (empty prompt, token id out of range),
     *                         ContextExceeded (prompt ≥ max_context, or prompt + continuation
     *                         needing more than max_context positions)
     */
    public float[] teacherForcedLogProbs(Model model, int[] promptTokens, int[] continuationTokens) {
        lastError = "";
        try {
            return score(model, promptTokens, continuationTokens);
        } catch (RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    private GenerationResult run(Model model, byte[] promptUtf8, int maxNewTokens, Sampling sampling) {
        // validate everything before touching the state
        Sampler.validate(sampling);
        if (maxNewTokens < 1 || maxNewTokens > MAX_NEW_TOKENS) {
            throw new FormatException(ErrorCode.INVALID_LENGTH, "max_new_tokens must be in 1.." + MAX_NEW_TOKENS,
                    maxNewTokens);
        }
        int[] prompt = promptTokens(model, promptUtf8);
        ModelConfig c = model.config();
        use(model);
        state.reset();
        XorShift64 rng = new XorShift64(sampling.seed());

        // prefill: feed every prompt token
        long start = System.nanoTime();
        for (int pos = 0; pos < prompt.length; pos++) {
            Transformer.forward(model, state, kernels, prompt[pos], pos);
        }
        long prefilled = System.nanoTime();

        // decode: sample, stop on EOS, max_new_tokens or a full context, else feed the token
        int[] out = new int[Math.min(maxNewTokens, c.maxContext() - prompt.length + 1)];
        int count = 0;
        int token = sampler.sample(state.logits(), c.vocabSize(), sampling, rng);
        while (token != Tokenizer.EOS) {
            out[count++] = token;
            if (count == maxNewTokens || state.kvLength() == c.maxContext()) {
                break;
            }
            Transformer.forward(model, state, kernels, token, state.kvLength());
            token = sampler.sample(state.logits(), c.vocabSize(), sampling, rng);
        }
        long decoded = System.nanoTime();

        // decode the ids to bytes and text
        int[] outputTokens = Arrays.copyOf(out, count);
        byte[] bytes = model.tokenizer().decode(outputTokens);
        if (bytes.length > MAX_OUTPUT_BYTES) {
            throw new FormatException(ErrorCode.OUTPUT_BUFFER_EXCEEDED,
                    "output must fit in " + MAX_OUTPUT_BYTES + " bytes", bytes.length);
        }
        boolean valid = Utf8.isValid(bytes);
        long decodeNanos = decoded - prefilled;
        double tokensPerSecond = count == 0 || decodeNanos <= 0 ? 0.0 : count * 1e9 / decodeNanos;
        Diagnostics diagnostics = new Diagnostics(prompt.length, count, prefilled - start, decodeNanos,
                tokensPerSecond, state.kvLength(), state.peakScratchBytes(), model.quantization(),
                model.adapterCount(), model.assemblyChecksum(), "", sampling);
        return new GenerationResult(prompt, outputTokens, bytes, valid, Utf8.decode(bytes), diagnostics);
    }

    private float[] score(Model model, int[] prompt, int[] continuation) {
        ModelConfig c = model.config();
        if (prompt.length == 0) {
            throw new FormatException(ErrorCode.INVALID_LENGTH, "prompt must not be empty", 0);
        }
        checkIds("prompt", prompt, c.vocabSize());
        checkIds("continuation", continuation, c.vocabSize());
        if (prompt.length >= c.maxContext()) {
            throw new FormatException(ErrorCode.CONTEXT_EXCEEDED,
                    "prompt must have fewer tokens than max_context " + c.maxContext(), prompt.length);
        }
        long positions = (long) prompt.length + Math.max(continuation.length - 1, 0);
        if (positions > c.maxContext()) {
            throw new FormatException(ErrorCode.CONTEXT_EXCEEDED,
                    "prompt + continuation − 1 tokens must fit max_context " + c.maxContext(), positions);
        }
        use(model);
        state.reset();

        // prefill the prompt
        for (int pos = 0; pos < prompt.length; pos++) {
            Transformer.forward(model, state, kernels, prompt[pos], pos);
        }

        // read each continuation token's log-probability, then feed it
        float[] logProbs = new float[continuation.length];
        for (int j = 0; j < continuation.length; j++) {
            logProbs[j] = LogSoftmax.at(state.logits(), c.vocabSize(), continuation[j]);
            if (j + 1 < continuation.length) {
                Transformer.forward(model, state, kernels, continuation[j], state.kvLength());
            }
        }
        return logProbs;
    }

    private static void checkIds(String what, int[] ids, int vocab) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new FormatException(ErrorCode.INVALID_LENGTH,
                        what + " token " + i + " must be an id in [0, " + vocab + ")", ids[i]);
            }
        }
    }

    /** Records the failure and clears the generation state; the model stays usable. */
    private void fail(RuntimeException e) {
        lastError = e instanceof FormatException f ? f.code().publishedName()
                : ErrorCode.GENERATION_FAILED.publishedName();
        if (state != null) {
            state.reset();
        }
    }
}
