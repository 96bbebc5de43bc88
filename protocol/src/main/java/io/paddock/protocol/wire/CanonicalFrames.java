package io.paddock.protocol.wire;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseFailure;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.Diagnostics;
import io.paddock.protocol.json.JsonEscapes;
import io.paddock.protocol.json.JsonNumber;
import io.paddock.protocol.suite.Sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fast path of {@link WireCodec#decode}: the frames a coordinator receives most (result,
 * pull, heartbeat, ack) read straight into records, without a JSON tree, when they are laid out
 * exactly as {@link WireCodec#encode} writes them (compact, every field in its canonical order).
 * Every value is still checked as the general decoder checks it: string escapes, control
 * characters and surrogates, the number grammar, integer ranges, id and text lengths, list sizes.
 *
 * <p>Anything else (another field order, whitespace, a value the general decoder refuses, a
 * number it would have to think about) yields {@code null}: the caller then decodes the frame
 * the general way, which accepts it or reports the typed error. So this path never accepts a
 * frame the general decoder refuses and never decodes one differently; it only skips the tree.
 */
final class CanonicalFrames {
    /** Integers of at most this many digits cannot overflow a long. */
    private static final int SAFE_DIGITS = 18;

    /** Internal signal: the frame is not in canonical form (or holds a value to refuse); never escapes. */
    private static final class NotCanonical extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotCanonical() {
            super(null, null, false, false); // a signal to step aside, thrown often: no stack trace
        }
    }

    private final String text;
    private int pos;
    private StringBuilder scratch;

    private CanonicalFrames(String text) {
        this.text = text;
    }

    /** The message, or null when the frame is not a canonical result, pull, heartbeat or ack. */
    static WireMessage decode(String text) {
        if (!text.startsWith("{\"type\":\"")) {
            return null;
        }
        CanonicalFrames f = new CanonicalFrames(text);
        f.pos = 9;
        try {
            WireMessage m = f.message();
            return f.pos == text.length() ? m : null;
        } catch (RuntimeException e) {
            // not canonical, or a value (or a record's own check) the general decoder will report
            return null;
        }
    }

    private WireMessage message() {
        if (skip("result\",")) {
            return result();
        }
        if (skip("pull\",")) {
            return pull();
        }
        if (skip("heartbeat\",")) {
            return heartbeat();
        }
        if (skip("ack\",")) {
            return ack();
        }
        throw new NotCanonical();
    }

    // ------------------------------------------------------------------ messages

    private WireMessage.Pull pull() {
        expect("\"free_slots\":");
        long free = integer();
        expect(",\"leases_received\":");
        long received = integer();
        expect("}");
        if (free < 0 || free > (1 << 16) || received < 0) {
            throw new NotCanonical();
        }
        return new WireMessage.Pull((int) free, received);
    }

    private WireMessage.Heartbeat heartbeat() {
        expect("\"running\":[");
        List<WireMessage.LeaseRef> refs = new ArrayList<>();
        if (!skip("]")) {
            do {
                if (refs.size() >= WireCodec.MAX_PACKAGES) {
                    throw new NotCanonical();
                }
                expect("{\"unit_id\":");
                String unitId = id();
                expect(",\"epoch\":");
                long epoch = positive();
                expect("}");
                refs.add(new WireMessage.LeaseRef(unitId, epoch));
            } while (skip(","));
            expect("]");
        }
        expect("}");
        return new WireMessage.Heartbeat(refs);
    }

    private WireMessage.Ack ack() {
        expect("\"unit_id\":");
        String unitId = id();
        expect(",\"epoch\":");
        long epoch = positive();
        expect(",\"outcome\":");
        String outcome = id();
        expect("}");
        if (!outcome.equals(WireMessage.ACCEPTED) && !outcome.equals(WireMessage.DUPLICATE)
                && !outcome.equals(WireMessage.STALE) && !outcome.equals(WireMessage.REJECTED)) {
            throw new NotCanonical();
        }
        return new WireMessage.Ack(unitId, epoch, outcome);
    }

    private WireMessage.Result result() {
        expect("\"unit_id\":");
        String unitId = id();
        expect(",\"epoch\":");
        long epoch = positive();
        expect(",\"results\":[");
        List<CaseResult> results = new ArrayList<>();
        if (!skip("]")) {
            do {
                if (results.size() >= WireCodec.MAX_CASES) {
                    throw new NotCanonical();
                }
                results.add(caseResult());
            } while (skip(","));
            expect("]");
        }
        expect(",\"evidence_digest\":");
        String digest = id();
        expect(",\"timing\":{\"wall_nanos\":");
        long wall = nonNegative();
        expect(",\"eval_nanos\":");
        long eval = nonNegative();
        expect(",\"generated_tokens\":");
        long tokens = nonNegative();
        expect("}}");
        return new WireMessage.Result(unitId, epoch, results, digest, new WireMessage.Timing(wall, eval, tokens));
    }

    private CaseResult caseResult() {
        expect("{\"case_id\":");
        String caseId = id();
        if (skip(",\"kind\":\"failure\",\"code\":")) {
            ErrorCode code = errorCode();
            expect(",\"cause\":");
            String cause = text();
            expect("}");
            return new CaseFailure(caseId, code, cause);
        }
        expect(",\"kind\":\"evidence\",\"prompt_tokens\":");
        int[] prompt = ids();
        expect(",\"output_tokens\":");
        int[] output = ids();
        expect(",\"output_text\":");
        String outputText = string();
        expect(",\"valid_utf8\":");
        boolean validUtf8 = bool();
        expect(",\"matched\":");
        boolean matched = bool();
        expect(",\"edit_similarity\":");
        float editSimilarity = real32();
        expect(",\"loglik_sum\":");
        float loglikSum = real32();
        expect(",\"loglik_mean\":");
        float loglikMean = real32();
        expect(",\"expected_tokens\":");
        int expectedTokens = count();
        expect(",\"diagnostics\":{\"prompt_tokens\":");
        int promptTokens = count();
        expect(",\"generated_tokens\":");
        int generatedTokens = count();
        expect(",\"prefill_nanos\":");
        long prefill = nonNegative();
        expect(",\"decode_nanos\":");
        long decode = nonNegative();
        expect(",\"tokens_per_second\":");
        double tokensPerSecond = real64();
        expect(",\"kv_length\":");
        int kvLength = count();
        expect(",\"peak_scratch_bytes\":");
        long peakScratch = nonNegative();
        expect(",\"quantization\":");
        String quantization = id();
        expect(",\"adapter_count\":");
        int adapterCount = count();
        expect(",\"assembly_checksum\":");
        long checksum = unsigned();
        expect(",\"last_error\":");
        String lastError = text();
        expect(",\"sampling\":");
        Sampling sampling = sampling();
        expect("}}");
        Diagnostics diagnostics = new Diagnostics(promptTokens, generatedTokens, prefill, decode, tokensPerSecond,
                kvLength, peakScratch, quantization, adapterCount, checksum, lastError, sampling);
        return new CaseEvidence(caseId, prompt, output, outputText, validUtf8, matched, editSimilarity, loglikSum,
                loglikMean, expectedTokens, diagnostics);
    }

    private Sampling sampling() {
        expect("{\"temperature\":");
        float temperature = real32();
        expect(",\"top_k\":");
        long topK = integer();
        expect(",\"top_p\":");
        float topP = real32();
        expect(",\"seed\":");
        long seed = unsigned();
        expect("}");
        if (topK < Integer.MIN_VALUE || topK > Integer.MAX_VALUE) {
            throw new NotCanonical();
        }
        return new Sampling(temperature, (int) topK, topP, seed);
    }

    // ------------------------------------------------------------------ values

    private ErrorCode errorCode() {
        String label = id();
        for (ErrorCode c : ErrorCode.values()) {
            if (c.publishedName().equals(label)) {
                return c;
            }
        }
        throw new NotCanonical();
    }

    /** A string of at most {@link WireCodec#MAX_ID_CHARS} chars. */
    private String id() {
        String s = string();
        if (s.length() > WireCodec.MAX_ID_CHARS) {
            throw new NotCanonical();
        }
        return s;
    }

    /** A string of at most {@link WireCodec#MAX_TEXT_CHARS} chars. */
    private String text() {
        String s = string();
        if (s.length() > WireCodec.MAX_TEXT_CHARS) {
            throw new NotCanonical();
        }
        return s;
    }

    /** A JSON string under the rules of the strict parser: escapes, no raw control characters, paired surrogates. */
    private String string() {
        expect("\"");
        int start = pos;
        int n = text.length();
        while (pos < n) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
                return escapedString(start);
            }
            pos++;
        }
        throw new NotCanonical();
    }

    /** The rest of a string holding escapes or surrogates; {@code start} is its first char. */
    private String escapedString(int start) {
        StringBuilder sb = scratch == null ? (scratch = new StringBuilder()) : scratch;
        sb.setLength(0);
        sb.append(text, start, pos);
        boolean pendingHigh = false;
        int n = text.length();
        while (true) {
            if (pos >= n) {
                throw new NotCanonical();
            }
            char c = text.charAt(pos);
            char unit;
            if (c == '"') {
                if (pendingHigh) {
                    throw new NotCanonical();
                }
                pos++;
                return sb.toString();
            } else if (c == '\\') {
                unit = escape();
            } else if (c < 0x20) {
                throw new NotCanonical();
            } else {
                unit = c;
                pos++;
            }
            if (pendingHigh) {
                if (!Character.isLowSurrogate(unit)) {
                    throw new NotCanonical();
                }
                pendingHigh = false;
            } else if (Character.isHighSurrogate(unit)) {
                pendingHigh = true;
            } else if (Character.isLowSurrogate(unit)) {
                throw new NotCanonical();
            }
            sb.append(unit);
        }
    }

    private char escape() {
        pos++;
        if (pos >= text.length()) {
            throw new NotCanonical();
        }
        char e = text.charAt(pos++);
        int simple = JsonEscapes.simple(e);
        if (simple >= 0) {
            return (char) simple;
        }
        switch (e) {
            case 'u':
                if (pos + 4 > text.length()) {
                    throw new NotCanonical();
                }
                int v = 0;
                for (int k = 0; k < 4; k++) {
                    int d = JsonEscapes.hexValue(text.charAt(pos++));
                    if (d < 0) {
                        throw new NotCanonical();
                    }
                    v = v << 4 | d;
                }
                return (char) v;
            default:
                throw new NotCanonical();
        }
    }


    private boolean bool() {
        if (skip("true")) {
            return true;
        }
        if (skip("false")) {
            return false;
        }
        throw new NotCanonical();
    }

    /**
     * An integer literal of the JSON grammar ({@code -?(0|[1-9][0-9]*)}) in long range, not
     * followed by a fraction or an exponent.
     */
    private long integer() {
        int n = text.length();
        int signStart = pos;
        boolean negative = pos < n && text.charAt(pos) == '-';
        if (negative) {
            pos++;
        }
        int start = pos;
        long v = 0;
        while (pos < n) {
            char c = text.charAt(pos);
            if (c < '0' || c > '9') {
                break;
            }
            v = v * 10 + (c - '0');
            pos++;
        }
        int digits = pos - start;
        if (digits == 0 || (digits > 1 && text.charAt(start) == '0')) {
            throw new NotCanonical();
        }
        if (pos < n) {
            char c = text.charAt(pos);
            if (c == '.' || c == 'e' || c == 'E') {
                throw new NotCanonical();
            }
        }
        if (digits > SAFE_DIGITS) {
            // near or past the long range: exactly the general decoder's conversion (it throws past the range)
            return Long.parseLong(text.substring(signStart, pos));
        }
        return negative ? -v : v;
    }

    private long positive() {
        long v = integer();
        if (v < 1) {
            throw new NotCanonical();
        }
        return v;
    }

    private long nonNegative() {
        long v = integer();
        if (v < 0) {
            throw new NotCanonical();
        }
        return v;
    }

    /** An int in 0..Integer.MAX_VALUE. */
    private int count() {
        long v = integer();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new NotCanonical();
        }
        return (int) v;
    }

    /** An array of token ids, each in 0..Integer.MAX_VALUE, at most {@link WireCodec#MAX_IDS} of them. */
    private int[] ids() {
        expect("[");
        if (skip("]")) {
            return new int[0];
        }
        int[] out = new int[16];
        int size = 0;
        do {
            if (size == out.length) {
                if (size >= WireCodec.MAX_IDS) {
                    throw new NotCanonical();
                }
                out = Arrays.copyOf(out, Math.min(WireCodec.MAX_IDS, size * 2));
            }
            out[size++] = count();
        } while (skip(","));
        expect("]");
        return size == out.length ? out : Arrays.copyOf(out, size);
    }

    /** An unsigned 64-bit integer, converted exactly as the general decoder converts it. */
    private long unsigned() {
        return new JsonNumber(numberLiteral()).toUnsignedLong();
    }

    /** A float as {@code WireCodec.readFloat} reads it: a number in float range, or "NaN", "Infinity", "-Infinity". */
    private float real32() {
        if (pos < text.length() && text.charAt(pos) == '"') {
            Float named = WireCodec.namedFloat(string());
            if (named == null) {
                throw new NotCanonical();
            }
            return named;
        }
        return new JsonNumber(numberLiteral()).toFloat();
    }

    /** A double as {@code WireCodec.readDouble} reads it (a string is read as a float). */
    private double real64() {
        if (pos < text.length() && text.charAt(pos) == '"') {
            return real32();
        }
        return new JsonNumber(numberLiteral()).toDouble();
    }

    /** The longest run of number characters here (the {@link JsonNumber} constructor checks the grammar). */
    private String numberLiteral() {
        int start = pos;
        int n = text.length();
        while (pos < n) {
            char c = text.charAt(pos);
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                pos++;
            } else {
                break;
            }
        }
        if (pos == start) {
            throw new NotCanonical();
        }
        return text.substring(start, pos);
    }

    // ------------------------------------------------------------------ layout

    private boolean skip(String literal) {
        if (text.startsWith(literal, pos)) {
            pos += literal.length();
            return true;
        }
        return false;
    }

    private void expect(String literal) {
        if (!skip(literal)) {
            throw new NotCanonical();
        }
    }
}
