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

    /** The message as one compact JSON text. */
    public static String encode(WireMessage message) {
        return JsonWriter.write(toJson(message));
    }

    /** The message as a JSON object. */
    public static JsonObject toJson(WireMessage message) {
        JsonObject.Builder b = JsonObject.builder().put("type", message.type());
        if (message instanceof WireMessage.Hello m) {
            b.put("protocol", m.protocol()).put("worker_id", m.workerId()).put("kind", m.kind())
                    .put("token", m.token()).put("slots", m.slots()).put("threads", m.threads())
                    .put("simd", m.simd())
                    .put("calibration", JsonObject.builder()
                            .put("workload", m.calibration().workload())
                            .put("tokens_per_second", JsonNumber.of(m.calibration().tokensPerSecond()))
                            .build())
                    .put("cached_packages", strings(m.cachedPackages()));
        } else if (message instanceof WireMessage.Pull m) {
            b.put("free_slots", m.freeSlots()).put("leases_received", m.leasesReceived());
        } else if (message instanceof WireMessage.Heartbeat m) {
            List<JsonValue> refs = new ArrayList<>(m.running().size());
            for (WireMessage.LeaseRef r : m.running()) {
                refs.add(JsonObject.builder().put("unit_id", r.unitId()).put("epoch", r.epoch()).build());
            }
            b.put("running", new JsonArray(refs));
        } else if (message instanceof WireMessage.Result m) {
            b.put("unit_id", m.unitId()).put("epoch", m.epoch())
                    .put("results", caseResultsToJson(m.results()))
                    .put("evidence_digest", m.evidenceDigest())
                    .put("timing", JsonObject.builder()
                            .put("wall_nanos", m.timing().wallNanos())
                            .put("eval_nanos", m.timing().evalNanos())
                            .put("generated_tokens", m.timing().generatedTokens())
                            .build());
        } else if (message instanceof WireMessage.Failure m) {
            b.put("unit_id", m.unitId()).put("epoch", m.epoch()).put("code", m.code().publishedName())
                    .put("cause", m.cause());
        } else if (message instanceof WireMessage.Drain) {
            // the type says it all
        } else if (message instanceof WireMessage.Welcome m) {
            b.put("protocol", m.protocol()).put("worker_id", m.workerId()).put("trust", m.trust())
                    .put("heartbeat_millis", m.heartbeatMillis());
        } else if (message instanceof WireMessage.Lease m) {
            List<JsonValue> cases = new ArrayList<>(m.cases().size());
            for (EvalCase c : m.cases()) {
                cases.add(SuiteWriter.toJson(c));
            }
            b.put("unit_id", m.unitId()).put("epoch", m.epoch()).put("generation_id", m.generationId())
                    .put("candidate_id", m.candidateId()).put("model", m.modelDigest())
                    .put("adapters", strings(m.adapterDigests()))
                    .put("sampling", samplingToJson(m.sampling()))
                    .put("cases", new JsonArray(cases));
        } else if (message instanceof WireMessage.Ack m) {
            b.put("unit_id", m.unitId()).put("epoch", m.epoch()).put("outcome", m.outcome());
        } else if (message instanceof WireMessage.Cancel m) {
            b.put("unit_id", m.unitId()).put("epoch", m.epoch()).put("reason", m.reason());
        } else {
            throw new IllegalArgumentException("unknown wire message " + message);
        }
        return b.build();
    }

    /** Case results as a JSON array, in order. */
    public static JsonArray caseResultsToJson(List<CaseResult> results) {
        List<JsonValue> out = new ArrayList<>(results.size());
        for (CaseResult r : results) {
            out.add(caseResultToJson(r));
        }
        return new JsonArray(out);
    }

    /** One case result: {@code "kind": "evidence"} with every field, or {@code "kind": "failure"}. */
    public static JsonObject caseResultToJson(CaseResult result) {
        if (result instanceof CaseFailure f) {
            return JsonObject.builder().put("case_id", f.caseId()).put("kind", "failure")
                    .put("code", f.code().publishedName()).put("cause", f.cause()).build();
        }
        CaseEvidence e = (CaseEvidence) result;
        Diagnostics d = e.diagnostics();
        JsonObject diagnostics = JsonObject.builder()
                .put("prompt_tokens", d.promptTokens())
                .put("generated_tokens", d.generatedTokens())
                .put("prefill_nanos", d.prefillNanos())
                .put("decode_nanos", d.decodeNanos())
                .put("tokens_per_second", doubleValue(d.tokensPerSecond()))
                .put("kv_length", d.kvLength())
                .put("peak_scratch_bytes", d.peakScratchBytes())
                .put("quantization", d.quantization())
                .put("adapter_count", d.adapterCount())
                .put("assembly_checksum", JsonNumber.ofUnsigned(d.assemblyChecksum()))
                .put("last_error", d.lastError())
                .put("sampling", samplingToJson(d.sampling()))
                .build();
        return JsonObject.builder()
                .put("case_id", e.caseId())
                .put("kind", "evidence")
                .put("prompt_tokens", ids(e.promptTokens()))
                .put("output_tokens", ids(e.outputTokens()))
                .put("output_text", e.outputText())
                .put("valid_utf8", e.validUtf8())
                .put("matched", e.matched())
                .put("edit_similarity", floatValue(e.editSimilarity()))
                .put("loglik_sum", floatValue(e.logLikelihoodSum()))
                .put("loglik_mean", floatValue(e.logLikelihoodMean()))
                .put("expected_tokens", e.expectedTokens())
                .put("diagnostics", diagnostics)
                .build();
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

    /** Decodes one frame of at most {@code maxChars} chars. */
    public static WireMessage decode(String text, int maxChars) {
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

    private static JsonArray ids(int[] ids) {
        List<JsonValue> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(JsonNumber.of(id));
        }
        return new JsonArray(out);
    }

    private static JsonArray strings(List<String> values) {
        List<JsonValue> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(JsonString.of(v));
        }
        return new JsonArray(out);
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

    private static JsonValue doubleValue(double v) {
        if (Double.isNaN(v)) {
            return JsonString.of("NaN");
        }
        if (Double.isInfinite(v)) {
            return JsonString.of(v > 0 ? "Infinity" : "-Infinity");
        }
        return JsonNumber.of(v);
    }

    private static float readFloat(ObjectReader r, String name) {
        JsonValue v = r.value(name);
        if (v instanceof JsonString s) {
            switch (s.value()) {
                case "NaN":
                    return Float.NaN;
                case "Infinity":
                    return Float.POSITIVE_INFINITY;
                case "-Infinity":
                    return Float.NEGATIVE_INFINITY;
                default:
                    throw r.fail(name, "must be a number, \"NaN\", \"Infinity\" or \"-Infinity\"", v.describe());
            }
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
