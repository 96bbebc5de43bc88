package io.paddock.protocol.wire;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseFailure;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.Diagnostics;
import io.paddock.protocol.json.ErrorContext;
import io.paddock.protocol.json.JsonArray;
import io.paddock.protocol.json.JsonLimits;
import io.paddock.protocol.json.JsonNumber;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.json.JsonParser;
import io.paddock.protocol.json.JsonSource;
import io.paddock.protocol.json.JsonString;
import io.paddock.protocol.json.JsonValue;
import io.paddock.protocol.json.JsonWriter;
import io.paddock.protocol.json.ObjectReader;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.SuiteParser;
import io.paddock.protocol.suite.SuiteWriter;
import io.paddock.protocol.suite.Sampling;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON text form of {@link WireMessage}s: one object per frame with a {@code "type"} tag and
 * snake_case fields. Decoding treats the text as hostile: strict JSON within
 * {@link JsonLimits}, unknown types and fields rejected, every count and id range-checked;
 * errors are {@link FormatException}s with {@link ErrorCode#INVALID_MESSAGE} naming the field.
 *
 * <p>Floats are written with {@link Float#toString} (parsed back to the same bits); the
 * non-finite ones, which JSON cannot hold, as the strings {@code "NaN"}, {@code "Infinity"}
 * and {@code "-Infinity"}. The case-result form is also the one of {@code evidence.jsonl}.
 */
public final class WireCodec {
    /** Most cases one lease or result may carry. */
    public static final int MAX_CASES = 100_000;
    /** Most token ids in one id list. */
    public static final int MAX_IDS = 1 << 20;
    /** Most package digests in a hello. */
    public static final int MAX_PACKAGES = 10_000;
    /** Longest id, kind, token or digest string. */
    public static final int MAX_ID_CHARS = 512;
    /** Longest free-text field (a failure cause, a cancel reason). */
    public static final int MAX_TEXT_CHARS = 16_384;

    private static final int DEPTH = 8;
    private static final ErrorContext CONTEXT = new ErrorContext("wire message", ErrorCode.INVALID_MESSAGE);

    private WireCodec() {
    }

    // ================================================================== encode

    /** The message as one compact JSON text (written directly, without building a tree). */
    public static String encode(WireMessage message) {
        Out o = new Out(message instanceof WireMessage.Result || message instanceof WireMessage.Lease ? 1024 : 128);
        o.open().field("type").string(message.type());
        if (message instanceof WireMessage.Hello m) {
            o.field("protocol").number(m.protocol()).field("worker_id").string(m.workerId())
                    .field("kind").string(m.kind()).field("token").string(m.token())
                    .field("slots").number(m.slots()).field("threads").number(m.threads())
                    .field("simd").bool(m.simd())
                    .field("calibration").open().field("workload").string(m.calibration().workload())
                    .field("tokens_per_second").finite(m.calibration().tokensPerSecond()).close()
                    .field("cached_packages").strings(m.cachedPackages());
        } else if (message instanceof WireMessage.Pull m) {
            o.field("free_slots").number(m.freeSlots()).field("leases_received").number(m.leasesReceived());
        } else if (message instanceof WireMessage.Heartbeat m) {
            o.field("running").openArray();
            for (WireMessage.LeaseRef r : m.running()) {
                o.item().open().field("unit_id").string(r.unitId()).field("epoch").number(r.epoch()).close();
            }
            o.closeArray();
        } else if (message instanceof WireMessage.Result m) {
            o.field("unit_id").string(m.unitId()).field("epoch").number(m.epoch()).field("results").openArray();
            for (CaseResult r : m.results()) {
                o.item();
                caseResult(o, r);
            }
            o.closeArray().field("evidence_digest").string(m.evidenceDigest())
                    .field("timing").open().field("wall_nanos").number(m.timing().wallNanos())
                    .field("eval_nanos").number(m.timing().evalNanos())
                    .field("generated_tokens").number(m.timing().generatedTokens()).close();
        } else if (message instanceof WireMessage.Failure m) {
            o.field("unit_id").string(m.unitId()).field("epoch").number(m.epoch())
                    .field("code").string(m.code().publishedName()).field("cause").string(m.cause());
        } else if (message instanceof WireMessage.Drain) {
            // the type says it all
        } else if (message instanceof WireMessage.Welcome m) {
            o.field("protocol").number(m.protocol()).field("worker_id").string(m.workerId())
                    .field("trust").string(m.trust()).field("heartbeat_millis").number(m.heartbeatMillis());
        } else if (message instanceof WireMessage.Lease m) {
            o.field("unit_id").string(m.unitId()).field("epoch").number(m.epoch())
                    .field("generation_id").string(m.generationId()).field("candidate_id").string(m.candidateId())
                    .field("model").string(m.modelDigest()).field("adapters").strings(m.adapterDigests())
                    .field("sampling");
            sampling(o, m.sampling());
            o.field("cases").openArray();
            for (EvalCase c : m.cases()) {
                // the fields and order of SuiteWriter.toJson
                o.item().open().field("id").string(c.id()).field("prompt").string(c.prompt())
                        .field("expected").string(c.expected()).field("max_new_tokens").number(c.maxNewTokens())
                        .field("match").string(c.match().label()).close();
            }
            o.closeArray();
        } else if (message instanceof WireMessage.Ack m) {
            o.field("unit_id").string(m.unitId()).field("epoch").number(m.epoch()).field("outcome").string(m.outcome());
        } else if (message instanceof WireMessage.Cancel m) {
            o.field("unit_id").string(m.unitId()).field("epoch").number(m.epoch()).field("reason").string(m.reason());
        } else {
            throw new IllegalArgumentException("unknown wire message " + message);
        }
        return o.close().toString();
    }

    /** The message as a JSON object (the parsed form of {@link #encode}). */
    public static JsonObject toJson(WireMessage message) {
        return (JsonObject) JsonParser.parse(encode(message), Integer.MAX_VALUE - 16, "wire message");
    }

    /** Case results as a JSON array, in order. */
    public static JsonArray caseResultsToJson(List<CaseResult> results) {
        Out o = new Out(512 * Math.max(1, results.size())).openArray();
        for (CaseResult r : results) {
            o.item();
            caseResult(o, r);
        }
        return (JsonArray) JsonParser.parse(o.closeArray().toString(), Integer.MAX_VALUE - 16, "case results");
    }

    /** One case result: {@code "kind": "evidence"} with every field, or {@code "kind": "failure"}. */
    public static JsonObject caseResultToJson(CaseResult result) {
        Out o = new Out(512);
        caseResult(o, result);
        return (JsonObject) JsonParser.parse(o.toString(), Integer.MAX_VALUE - 16, "case result");
    }

    private static void caseResult(Out o, CaseResult result) {
        if (result instanceof CaseFailure f) {
            o.open().field("case_id").string(f.caseId()).field("kind").string("failure")
                    .field("code").string(f.code().publishedName()).field("cause").string(f.cause()).close();
            return;
        }
        CaseEvidence e = (CaseEvidence) result;
        Diagnostics d = e.diagnostics();
        o.open().field("case_id").string(e.caseId()).field("kind").string("evidence")
                .field("prompt_tokens").ids(e.promptTokens()).field("output_tokens").ids(e.outputTokens())
                .field("output_text").string(e.outputText()).field("valid_utf8").bool(e.validUtf8())
                .field("matched").bool(e.matched()).field("edit_similarity").real(e.editSimilarity())
                .field("loglik_sum").real(e.logLikelihoodSum()).field("loglik_mean").real(e.logLikelihoodMean())
                .field("expected_tokens").number(e.expectedTokens())
                .field("diagnostics").open()
                .field("prompt_tokens").number(d.promptTokens()).field("generated_tokens").number(d.generatedTokens())
                .field("prefill_nanos").number(d.prefillNanos()).field("decode_nanos").number(d.decodeNanos())
                .field("tokens_per_second").real(d.tokensPerSecond()).field("kv_length").number(d.kvLength())
                .field("peak_scratch_bytes").number(d.peakScratchBytes())
                .field("quantization").string(d.quantization()).field("adapter_count").number(d.adapterCount())
                .field("assembly_checksum").raw(Long.toUnsignedString(d.assemblyChecksum()))
                .field("last_error").string(d.lastError()).field("sampling");
        sampling(o, d.sampling());
        o.close().close();
    }

    private static void sampling(Out o, Sampling s) {
        o.open().field("temperature").real(s.temperature()).field("top_k").number(s.topK())
                .field("top_p").real(s.topP()).field("seed").raw(Long.toUnsignedString(s.seed())).close();
    }

    /**
     * A compact JSON writer producing exactly what {@link JsonWriter} writes for the equivalent
     * tree: strings quoted by {@link JsonWriter#quote}, numbers in {@link JsonNumber}'s literal
     * forms, non-finite floats as the strings NaN, Infinity and -Infinity.
     */
    private static final class Out {
        private final StringBuilder sb;
        private boolean first = true;

        Out(int capacity) {
            sb = new StringBuilder(capacity);
        }

        Out open() {
            sb.append('{');
            first = true;
            return this;
        }

        Out close() {
            sb.append('}');
            first = false;
            return this;
        }

        Out openArray() {
            sb.append('[');
            first = true;
            return this;
        }

        Out closeArray() {
            sb.append(']');
            first = false;
            return this;
        }

        Out item() {
            if (!first) {
                sb.append(',');
            }
            first = false;
            return this;
        }

        Out field(String name) {
            item();
            sb.append('"').append(name).append("\":");
            first = true;
            return this;
        }

        Out string(String value) {
            if (value == null || JsonString.firstUnpairedSurrogate(value) >= 0) {
                throw new IllegalArgumentException("a wire string must be well-formed UTF-16, got " + value);
            }
            sb.append(JsonWriter.quote(value));
            first = false;
            return this;
        }

        Out number(long value) {
            sb.append(value);
            first = false;
            return this;
        }

        Out raw(String literal) {
            sb.append(literal);
            first = false;
            return this;
        }

        Out bool(boolean value) {
            sb.append(value);
            first = false;
            return this;
        }

        Out finite(double value) {
            return raw(JsonNumber.of(value).literal());
        }

        Out real(float value) {
            if (Float.isNaN(value)) {
                return string("NaN");
            }
            if (Float.isInfinite(value)) {
                return string(value > 0 ? "Infinity" : "-Infinity");
            }
            return raw(Float.toString(value));
        }

        Out real(double value) {
            if (Double.isNaN(value)) {
                return string("NaN");
            }
            if (Double.isInfinite(value)) {
                return string(value > 0 ? "Infinity" : "-Infinity");
            }
            return raw(Double.toString(value));
        }

        Out ids(int[] ids) {
            openArray();
            for (int id : ids) {
                item();
                sb.append(id);
            }
            return closeArray();
        }

        Out strings(List<String> values) {
            openArray();
            for (String v : values) {
                item();
                string(v);
            }
            return closeArray();
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    /** Sampling as in a generation file: temperature, top_k, top_p, seed (unsigned). */
    public static JsonObject samplingToJson(Sampling s) {
        return JsonObject.builder()
                .put("temperature", floatValue(s.temperature()))
                .put("top_k", s.topK())
                .put("top_p", floatValue(s.topP()))
                .put("seed", JsonNumber.ofUnsigned(s.seed()))
                .build();
    }

    // ================================================================== decode

    /**
     * Decodes one frame of at most {@code maxChars} chars. The frames workers send most, when
     * laid out as {@link #encode} writes them, take a direct path without a JSON tree
     * ({@link CanonicalFrames}); it yields exactly what the general decoder yields, and leaves
     * every other frame, and every error, to it.
     */
    public static WireMessage decode(String text, int maxChars) {
        if (text.length() <= maxChars) {
            WireMessage fast = CanonicalFrames.decode(text);
            if (fast != null) {
                return fast;
            }
        }
        return decodeTree(text, maxChars);
    }

    /** {@link #decode} through the general path only: parse a JSON tree, then read it. */
    static WireMessage decodeTree(String text, int maxChars) {
        JsonLimits limits = new JsonLimits(maxChars, DEPTH, maxChars);
        JsonValue value = JsonParser.parse(text, limits, JsonSource.of("wire message", ErrorCode.INVALID_MESSAGE));
        return fromJson(value);
    }

    /** Decodes a parsed message object. */
    public static WireMessage fromJson(JsonValue value) {
        if (!(value instanceof JsonObject obj) || !(obj.get("type") instanceof JsonString typeValue)) {
            throw CONTEXT.fail("a message must be an object with a string field 'type'", value.describe());
        }
        String type = typeValue.value();
        switch (type) {
            case "hello":
                return hello(reader(value, "protocol", "worker_id", "kind", "token", "slots", "threads", "simd",
                        "calibration", "cached_packages"));
            case "pull": {
                ObjectReader r = reader(value, "free_slots", "leases_received");
                long received = r.longValue("leases_received");
                if (received < 0) {
                    throw r.fail("leases_received", "must be ≥ 0", received);
                }
                return new WireMessage.Pull(r.integer("free_slots", 0, 1 << 16), received);
            }
            case "heartbeat":
                return heartbeat(reader(value, "running"));
            case "result":
                return result(reader(value, "unit_id", "epoch", "results", "evidence_digest", "timing"));
            case "failure": {
                ObjectReader r = reader(value, "unit_id", "epoch", "code", "cause");
                return new WireMessage.Failure(id(r, "unit_id"), epoch(r), errorCode(r, "code"), text(r, "cause"));
            }
            case "drain":
                reader(value);
                return new WireMessage.Drain();
            case "welcome": {
                ObjectReader r = reader(value, "protocol", "worker_id", "trust", "heartbeat_millis");
                String trust = id(r, "trust");
                if (!trust.equals(WireMessage.TRUSTED) && !trust.equals(WireMessage.UNTRUSTED)) {
                    throw r.fail("trust", "must be trusted or untrusted", JsonWriter.quote(trust));
                }
                return new WireMessage.Welcome(r.integer("protocol", 0, Integer.MAX_VALUE), id(r, "worker_id"), trust,
                        positiveLong(r, "heartbeat_millis"));
            }
            case "lease":
                return lease(reader(value, "unit_id", "epoch", "generation_id", "candidate_id", "model", "adapters",
                        "sampling", "cases"));
            case "ack": {
                ObjectReader r = reader(value, "unit_id", "epoch", "outcome");
                String outcome = id(r, "outcome");
                if (!List.of(WireMessage.ACCEPTED, WireMessage.DUPLICATE, WireMessage.STALE, WireMessage.REJECTED)
                        .contains(outcome)) {
                    throw r.fail("outcome", "must be accepted, duplicate, stale or rejected", JsonWriter.quote(outcome));
                }
                return new WireMessage.Ack(id(r, "unit_id"), epoch(r), outcome);
            }
            case "cancel": {
                ObjectReader r = reader(value, "unit_id", "epoch", "reason");
                return new WireMessage.Cancel(id(r, "unit_id"), epoch(r), text(r, "reason"));
            }
            default:
                throw CONTEXT.fail("field 'type' must name a message of protocol " + WireMessage.VERSION
                        + " (hello, pull, heartbeat, result, failure, drain, welcome, lease, ack, cancel)",
                        JsonWriter.quote(type.length() > 40 ? type.substring(0, 40) + "…" : type));
        }
    }

    /** Case results from a JSON array (as {@link #caseResultsToJson} writes them). */
    public static List<CaseResult> caseResultsFromJson(JsonValue value, ErrorContext context, String path) {
        if (!(value instanceof JsonArray array)) {
            throw context.fail("field '" + path + "' must be an array", value.describe());
        }
        if (array.size() > MAX_CASES) {
            throw context.fail("field '" + path + "' must hold at most " + MAX_CASES + " results", array.size());
        }
        List<CaseResult> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(caseResultFromJson(array.get(i), context, path + "[" + i + "]"));
        }
        return out;
    }

    /** One case result (as {@link #caseResultToJson} writes it). */
    public static CaseResult caseResultFromJson(JsonValue value, ErrorContext context, String path) {
        if (!(value instanceof JsonObject obj) || !(obj.get("kind") instanceof JsonString kind)) {
            throw context.fail("field '" + path + "' must be an object with a string field 'kind'", value.describe());
        }
        if (kind.value().equals("failure")) {
            ObjectReader r = ObjectReader.of(value, context, path, "case_id", "kind", "code", "cause");
            return new CaseFailure(id(r, "case_id"), errorCode(r, "code"), text(r, "cause"));
        }
        if (!kind.value().equals("evidence")) {
            throw context.fail("field '" + path + ".kind' must be evidence or failure", kind.describe());
        }
        ObjectReader r = ObjectReader.of(value, context, path, "case_id", "kind", "prompt_tokens", "output_tokens",
                "output_text", "valid_utf8", "matched", "edit_similarity", "loglik_sum", "loglik_mean",
                "expected_tokens", "diagnostics");
        ObjectReader d = r.object("diagnostics", "prompt_tokens", "generated_tokens", "prefill_nanos", "decode_nanos",
                "tokens_per_second", "kv_length", "peak_scratch_bytes", "quantization", "adapter_count",
                "assembly_checksum", "last_error", "sampling");
        Diagnostics diagnostics = new Diagnostics(
                d.integer("prompt_tokens", 0, Integer.MAX_VALUE),
                d.integer("generated_tokens", 0, Integer.MAX_VALUE),
                nonNegativeLong(d, "prefill_nanos"),
                nonNegativeLong(d, "decode_nanos"),
                readDouble(d, "tokens_per_second"),
                d.integer("kv_length", 0, Integer.MAX_VALUE),
                nonNegativeLong(d, "peak_scratch_bytes"),
                id(d, "quantization"),
                d.integer("adapter_count", 0, Integer.MAX_VALUE),
                d.unsignedLong("assembly_checksum"),
                text(d, "last_error"),
                sampling(d.object("sampling", "temperature", "top_k", "top_p", "seed")));
        return new CaseEvidence(
                id(r, "case_id"),
                ids(r, "prompt_tokens"),
                ids(r, "output_tokens"),
                r.string("output_text"),
                r.bool("valid_utf8"),
                r.bool("matched"),
                readFloat(r, "edit_similarity"),
                readFloat(r, "loglik_sum"),
                readFloat(r, "loglik_mean"),
                r.integer("expected_tokens", 0, Integer.MAX_VALUE),
                diagnostics);
    }

    // ================================================================== message bodies

    private static WireMessage.Hello hello(ObjectReader r) {
        int protocol = r.integer("protocol", 0, Integer.MAX_VALUE);
        ObjectReader c = r.object("calibration", "workload", "tokens_per_second");
        double tps = c.doubleValue("tokens_per_second");
        if (!(tps > 0) || Double.isInfinite(tps)) {
            throw c.fail("tokens_per_second", "must be finite and > 0", tps);
        }
        List<String> cached = r.strings("cached_packages");
        if (cached.size() > MAX_PACKAGES) {
            throw r.fail("cached_packages", "must hold at most " + MAX_PACKAGES + " digests", cached.size());
        }
        for (int i = 0; i < cached.size(); i++) {
            if (cached.get(i).length() > MAX_ID_CHARS) {
                throw r.fail("cached_packages[" + i + "]", "must be at most " + MAX_ID_CHARS + " chars long",
                        cached.get(i).length());
            }
        }
        String token = r.string("token");
        if (token.length() > MAX_ID_CHARS) {
            throw r.fail("token", "must be at most " + MAX_ID_CHARS + " chars long", token.length());
        }
        return new WireMessage.Hello(protocol, id(r, "worker_id"), id(r, "kind"), token,
                r.integer("slots", 1, 4096), r.integer("threads", 1, 4096), r.bool("simd"),
                new WireMessage.Calibration(id(c, "workload"), tps), cached);
    }

    private static WireMessage.Heartbeat heartbeat(ObjectReader r) {
        JsonArray running = r.array("running");
        if (running.size() > MAX_PACKAGES) {
            throw r.fail("running", "must hold at most " + MAX_PACKAGES + " leases", running.size());
        }
        List<WireMessage.LeaseRef> refs = new ArrayList<>(running.size());
        for (ObjectReader ref : r.objects("running", "unit_id", "epoch")) {
            refs.add(new WireMessage.LeaseRef(id(ref, "unit_id"), epoch(ref)));
        }
        return new WireMessage.Heartbeat(refs);
    }

    private static WireMessage.Result result(ObjectReader r) {
        List<CaseResult> results = caseResultsFromJson(r.value("results"), r.context(), r.pathOf("results"));
        ObjectReader t = r.object("timing", "wall_nanos", "eval_nanos", "generated_tokens");
        return new WireMessage.Result(id(r, "unit_id"), epoch(r), results, id(r, "evidence_digest"),
                new WireMessage.Timing(nonNegativeLong(t, "wall_nanos"), nonNegativeLong(t, "eval_nanos"),
                        nonNegativeLong(t, "generated_tokens")));
    }

    private static WireMessage.Lease lease(ObjectReader r) {
        JsonArray cases = r.array("cases");
        if (cases.size() < 1 || cases.size() > MAX_CASES) {
            throw r.fail("cases", "must hold 1.." + MAX_CASES + " cases", cases.size());
        }
        List<EvalCase> out = new ArrayList<>(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            out.add(SuiteParser.readCase(cases.get(i), r.context(), r.pathOf("cases") + "[" + i + "]"));
        }
        List<String> adapters = r.strings("adapters");
        if (adapters.size() > MAX_PACKAGES) {
            throw r.fail("adapters", "must hold at most " + MAX_PACKAGES + " digests", adapters.size());
        }
        return new WireMessage.Lease(id(r, "unit_id"), epoch(r), id(r, "generation_id"), id(r, "candidate_id"),
                id(r, "model"), adapters, sampling(r.object("sampling", "temperature", "top_k", "top_p", "seed")),
                out);
    }

    // ================================================================== fields

    private static ObjectReader reader(JsonValue value, String... fields) {
        String[] allowed = new String[fields.length + 1];
        allowed[0] = "type";
        System.arraycopy(fields, 0, allowed, 1, fields.length);
        return ObjectReader.of(value, CONTEXT, "", allowed);
    }

    private static Sampling sampling(ObjectReader r) {
        return new Sampling(readFloat(r, "temperature"), r.integer("top_k"), readFloat(r, "top_p"),
                r.unsignedLong("seed"));
    }

    private static String id(ObjectReader r, String name) {
        String s = r.string(name);
        if (s.length() > MAX_ID_CHARS) {
            throw r.fail(name, "must be at most " + MAX_ID_CHARS + " chars long", s.length() + " chars");
        }
        return s;
    }

    private static String text(ObjectReader r, String name) {
        String s = r.string(name);
        if (s.length() > MAX_TEXT_CHARS) {
            throw r.fail(name, "must be at most " + MAX_TEXT_CHARS + " chars long", s.length() + " chars");
        }
        return s;
    }

    private static long epoch(ObjectReader r) {
        return positiveLong(r, "epoch");
    }

    private static long positiveLong(ObjectReader r, String name) {
        long v = r.longValue(name);
        if (v < 1) {
            throw r.fail(name, "must be ≥ 1", v);
        }
        return v;
    }

    private static long nonNegativeLong(ObjectReader r, String name) {
        long v = r.longValue(name);
        if (v < 0) {
            throw r.fail(name, "must be ≥ 0", v);
        }
        return v;
    }

    private static ErrorCode errorCode(ObjectReader r, String name) {
        String label = id(r, name);
        for (ErrorCode c : ErrorCode.values()) {
            if (c.publishedName().equals(label)) {
                return c;
            }
        }
        throw r.fail(name, "must be a published error name such as AdapterMismatch", JsonWriter.quote(label));
    }

    private static int[] ids(ObjectReader r, String name) {
        JsonArray a = r.array(name);
        if (a.size() > MAX_IDS) {
            throw r.fail(name, "must hold at most " + MAX_IDS + " token ids", a.size());
        }
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonValue v = a.get(i);
            if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
                throw r.fail(name + "[" + i + "]", "must be an integer token id", v.describe());
            }
            long id;
            try {
                id = n.toLong();
            } catch (FormatException e) {
                throw r.fail(name + "[" + i + "]", "must be an integer token id", v.describe());
            }
            if (id < 0 || id > Integer.MAX_VALUE) {
                throw r.fail(name + "[" + i + "]", "must be in 0..2147483647", id);
            }
            out[i] = (int) id;
        }
        return out;
    }



    private static JsonValue floatValue(float v) {
        if (Float.isNaN(v)) {
            return JsonString.of("NaN");
        }
        if (Float.isInfinite(v)) {
            return JsonString.of(v > 0 ? "Infinity" : "-Infinity");
        }
        return JsonNumber.of(v);
    }


    /** The float a wire string names ("NaN", "Infinity", "-Infinity"), or null for any other string. */
    static Float namedFloat(String s) {
        switch (s) {
            case "NaN":
                return Float.NaN;
            case "Infinity":
                return Float.POSITIVE_INFINITY;
            case "-Infinity":
                return Float.NEGATIVE_INFINITY;
            default:
                return null;
        }
    }

    private static float readFloat(ObjectReader r, String name) {
        JsonValue v = r.value(name);
        if (v instanceof JsonString s) {
            Float named = namedFloat(s.value());
            if (named == null) {
                throw r.fail(name, "must be a number, \"NaN\", \"Infinity\" or \"-Infinity\"", v.describe());
            }
            return named;
        }
        return r.floatValue(name);
    }

    private static double readDouble(ObjectReader r, String name) {
        JsonValue v = r.value(name);
        if (v instanceof JsonString) {
            return readFloat(r, name);
        }
        return r.doubleValue(name);
    }
}
