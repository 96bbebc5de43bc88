package io.paddock.protocol.generation;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.json.ErrorContext;
import io.paddock.protocol.json.JsonArray;
import io.paddock.protocol.json.JsonLimits;
import io.paddock.protocol.json.JsonParser;
import io.paddock.protocol.json.JsonSource;
import io.paddock.protocol.json.JsonString;
import io.paddock.protocol.json.JsonValue;
import io.paddock.protocol.json.JsonWriter;
import io.paddock.protocol.json.ObjectReader;
import io.paddock.protocol.json.Utf8;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.suite.Suite;
import io.paddock.protocol.suite.SuiteParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates a generation:
 * <pre>{"name": …, "suite": "path-or-sha256" | [cases…],
 *  "sampling": {"temperature", "top_k", "top_p", "seed"},
 *  "objectives": {"quality", "loglik", "cost", "speed", "size"},
 *  "candidates": [{"id", "model", "adapters": […], "parent": true|false}]}</pre>
 * {@code sampling} and {@code objectives} and their fields are optional (defaults
 * {@link Sampling#GREEDY} and {@link Objectives#DEFAULT}); {@code adapters} defaults to none,
 * {@code parent} to false. Unknown fields, wrong types, empty names/ids/references, repeated
 * candidate ids, more than one parent, no candidates, a malformed {@code sha256:} reference,
 * sampling out of range (temperature ≥ 0, top_k 1..{@value #MAX_TOP_K}, top_p in (0, 1],
 * seed 0..2^64-1; code {@link ErrorCode#INVALID_SAMPLING}) and negative or non-finite
 * weights are {@link FormatException}s naming the field path, e.g.
 * {@code generation.json: field 'candidates[2].adapters[0]' must be a string: got number 5}.
 * Other errors carry {@link ErrorCode#INVALID_SUITE}.
 */
public final class GenerationParser {
    public static final int MAX_TOP_K = 1024;
    public static final int MAX_NAME_CHARS = 256;
    public static final int MAX_REFERENCE_CHARS = 4096;
    /** The name given to an inline suite. */
    public static final String INLINE_SUITE_NAME = "inline";

    static final List<String> FIELDS = List.of("name", "suite", "sampling", "objectives", "candidates");
    static final List<String> SAMPLING_FIELDS = List.of("temperature", "top_k", "top_p", "seed");
    static final List<String> CANDIDATE_FIELDS = List.of("id", "model", "adapters", "parent");

    private static final int DEPTH = 16;

    private GenerationParser() {
    }

    public static GenerationSpec parse(String text, String label) {
        return parse(text, label, GenerationLimits.DEFAULT);
    }

    /** Parses JSON {@code text}; {@code label} (the file name) prefixes every error. */
    public static GenerationSpec parse(String text, String label, GenerationLimits limits) {
        long bytes = Utf8.encodedLength(text);
        if (bytes > limits.maxBytes()) {
            throw tooLarge(label, limits, bytes);
        }
        JsonLimits json = new JsonLimits(text.length(), DEPTH, limits.suite().maxLineChars());
        return fromJson(JsonParser.parse(text, json, JsonSource.of(label)), label, limits);
    }

    public static GenerationSpec parse(byte[] utf8, String label) {
        return parse(utf8, label, GenerationLimits.DEFAULT);
    }

    /** Parses UTF-8 JSON bytes. */
    public static GenerationSpec parse(byte[] utf8, String label, GenerationLimits limits) {
        if (utf8.length > limits.maxBytes()) {
            throw tooLarge(label, limits, utf8.length);
        }
        return parse(Utf8.decode(utf8, label, ErrorCode.INVALID_SUITE), label, limits);
    }

    /** Validates an already parsed JSON value as a generation. */
    public static GenerationSpec fromJson(JsonValue value, String label, GenerationLimits limits) {
        ErrorContext context = ErrorContext.of(label);
        ObjectReader r = ObjectReader.of(value, context, "", FIELDS);
        String name = r.nonEmptyString("name", MAX_NAME_CHARS);
        SuiteRef suite = readSuite(r, limits);
        Sampling sampling = r.has("sampling")
                ? readSampling(ObjectReader.of(r.value("sampling"), context.withCode(ErrorCode.INVALID_SAMPLING),
                        "sampling", SAMPLING_FIELDS))
                : Sampling.GREEDY;
        Objectives objectives = r.has("objectives") ? readObjectives(r.object("objectives",
                Objectives.NAMES.toArray(new String[0]))) : Objectives.DEFAULT;
        List<CandidateSpec> candidates = readCandidates(r, limits);
        return new GenerationSpec(name, suite, sampling, objectives, candidates);
    }

    private static SuiteRef readSuite(ObjectReader r, GenerationLimits limits) {
        JsonValue v = r.value("suite");
        if (v instanceof JsonString s) {
            return new SuiteRef.Reference(reference(s.value(), "suite", r.context()));
        }
        if (v instanceof JsonArray cases) {
            Suite suite = SuiteParser.fromJson(cases, INLINE_SUITE_NAME, r.context(), "suite", limits.suite());
            return new SuiteRef.Inline(suite);
        }
        throw r.fail("suite", "must be a string (a path or sha256 digest) or an array of cases", v.describe());
    }

    private static Sampling readSampling(ObjectReader r) {
        Sampling d = Sampling.GREEDY;
        float temperature = r.floatValue("temperature", d.temperature());
        if (temperature < 0) {
            throw r.fail("temperature", "must be ≥ 0", r.value("temperature").describe());
        }
        int topK = r.integer("top_k", 1, MAX_TOP_K, d.topK());
        float topP = r.floatValue("top_p", d.topP());
        if (!(topP > 0 && topP <= 1)) {
            throw r.fail("top_p", "must be in (0, 1]", r.value("top_p").describe());
        }
        long seed = r.unsignedLong("seed", d.seed());
        return new Sampling(temperature, topK, topP, seed);
    }

    private static Objectives readObjectives(ObjectReader r) {
        double[] w = new double[Objectives.NAMES.size()];
        for (int i = 0; i < w.length; i++) {
            String name = Objectives.NAMES.get(i);
            w[i] = r.doubleValue(name, Objectives.DEFAULT.weight(name));
            if (w[i] < 0) {
                throw r.fail(name, "must be ≥ 0", r.value(name).describe());
            }
        }
        return new Objectives(w[0], w[1], w[2], w[3], w[4]);
    }

    private static List<CandidateSpec> readCandidates(ObjectReader r, GenerationLimits limits) {
        JsonArray array = r.array("candidates");
        if (array.size() == 0) {
            throw r.fail("candidates", "must hold at least one candidate", "[]");
        }
        if (array.size() > limits.maxCandidates()) {
            throw r.fail("candidates", "must hold at most " + limits.maxCandidates() + " candidates",
                    array.size() + " candidates");
        }
        List<CandidateSpec> out = new ArrayList<>(array.size());
        Map<String, String> firstSeen = new HashMap<>();
        String parentPath = null;
        for (int i = 0; i < array.size(); i++) {
            String path = "candidates[" + i + "]";
            ObjectReader c = ObjectReader.of(array.get(i), r.context(), path, CANDIDATE_FIELDS);
            String id = c.nonEmptyString("id", MAX_NAME_CHARS);
            String previous = firstSeen.putIfAbsent(id, path);
            if (previous != null) {
                throw c.fail("id", "repeats the id of " + previous, JsonWriter.quote(id));
            }
            String model = reference(c.string("model"), c.pathOf("model"), r.context());
            List<String> adapters = new ArrayList<>();
            if (c.has("adapters")) {
                List<String> raw = c.strings("adapters");
                if (raw.size() > limits.maxAdapters()) {
                    throw c.fail("adapters", "must hold at most " + limits.maxAdapters() + " adapters",
                            raw.size() + " adapters");
                }
                for (int k = 0; k < raw.size(); k++) {
                    adapters.add(reference(raw.get(k), c.pathOf("adapters") + "[" + k + "]", r.context()));
                }
            }
            boolean parent = c.bool("parent", false);
            if (parent) {
                if (parentPath != null) {
                    throw c.fail("parent", "marks a second parent (" + parentPath + " is one already)", "true");
                }
                parentPath = path;
            }
            out.add(new CandidateSpec(id, model, adapters, parent));
        }
        return out;
    }

    /** A package or suite reference: non-empty, bounded, and a strict digest if it says {@code sha256:}. */
    private static String reference(String value, String path, ErrorContext context) {
        if (value.isEmpty()) {
            throw context.fail("field '" + path + "' must not be empty", "\"\"");
        }
        if (value.length() > MAX_REFERENCE_CHARS) {
            throw context.fail("field '" + path + "' must be at most " + MAX_REFERENCE_CHARS + " chars long",
                    value.length() + " chars");
        }
        if (Digest.isDigestReference(value)) {
            try {
                Digest.parse(value, context.code());
            } catch (FormatException e) {
                throw context.fail("field '" + path + "' must be a package digest sha256:<64 lowercase hex> ("
                        + e.rule() + ")", JsonWriter.quote(value));
            }
        }
        return value;
    }

    private static FormatException tooLarge(String label, GenerationLimits limits, long bytes) {
        return new FormatException(ErrorCode.INVALID_SUITE, label + ": generation larger than "
                + limits.maxBytes() + " bytes", bytes + " bytes");
    }
}
