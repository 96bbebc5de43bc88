package io.paddock.coordinator.rank;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paddock.protocol.error.ErrorCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * ranking.json: UTF-8, two-space indent, "\n" line ends, fixed key order, numbers with
 * {@link Decimals#EXPORT_SCALE} decimals ({@link Decimals}). Everything timing-based sits
 * under the last top-level key {@code "timing"}; {@link #deterministicSection} is the same
 * document without it, byte-identical for the same evidence and settings.
 */
public final class RankingJson {
    public static final String FORMAT = "paddock-ranking/1";

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int SCALE = Decimals.EXPORT_SCALE;

    private RankingJson() {
    }

    /** The whole document, timing included. */
    public static byte[] write(Ranking ranking) {
        return write(ranking, true);
    }

    /** The document without {@code "timing"}: compare runs with these bytes. */
    public static byte[] deterministicSection(Ranking ranking) {
        return write(ranking, false);
    }

    private static byte[] write(Ranking r, boolean withTiming) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(prettyPrinter());
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            writeSettings(g, r.settings());
            writeObjectives(g, "objectives", r.objectives());
            g.writeArrayFieldStart("candidates");
            for (RankedCandidate c : r.ranked()) {
                writeCandidate(g, c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("failed");
            for (FailedCandidate f : r.failed()) {
                writeFailed(g, f);
            }
            g.writeEndArray();
            if (withTiming) {
                writeTiming(g, r.timing());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }

    private static void writeSettings(JsonGenerator g, RankingSettings s) throws IOException {
        g.writeObjectFieldStart("settings");
        g.writeNumberField("generationSeed", s.generationSeed());
        g.writeNumberField("resamples", s.resamples());
        g.writeFieldName("confidence");
        g.writeNumber("0.95");
        g.writeObjectFieldStart("weights");
        for (Objective o : Objective.values()) {
            number(g, o.key(), s.weights().weight(o));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeObjectives(JsonGenerator g, String field, List<Objective> objectives) throws IOException {
        g.writeArrayFieldStart(field);
        for (Objective o : objectives) {
            g.writeString(o.key());
        }
        g.writeEndArray();
    }

    private static void writeCandidate(JsonGenerator g, RankedCandidate c) throws IOException {
        FitnessVector f = c.fitness();
        g.writeStartObject();
        writePlacementFields(g, c.placement());
        g.writeBooleanField("parent", c.parent());
        g.writeObjectFieldStart("quality");
        number(g, "mean", f.quality());
        number(g, "low", f.qualityInterval().low());
        number(g, "high", f.qualityInterval().high());
        g.writeEndObject();
        number(g, "editSimilarity", f.editSimilarity());
        number(g, "logLikelihood", f.logLikelihood());
        g.writeNumberField("costBytesPerToken", f.costBytesPerToken());
        g.writeNumberField("sizeBytes", f.size().total());
        g.writeNumberField("modelBytes", f.size().modelBytes());
        g.writeNumberField("adapterBytes", f.size().adapterBytes());
        g.writeObjectFieldStart("cases");
        g.writeNumberField("total", f.casesTotal());
        g.writeNumberField("passed", f.casesPassed());
        g.writeNumberField("failed", f.casesFailed());
        g.writeNumberField("errored", f.casesErrored());
        g.writeEndObject();
        writeComparison(g, c.vsParent());
        g.writeEndObject();
    }

    private static void writePlacementFields(JsonGenerator g, Placement p) throws IOException {
        g.writeNumberField("rank", p.rank());
        g.writeStringField("id", p.id());
        g.writeNumberField("front", p.front());
        number(g, "score", p.score());
        g.writeFieldName("crowding");
        if (p.crowding() == Double.POSITIVE_INFINITY) {
            g.writeString(Decimals.INFINITY);
        } else {
            g.writeNumber(Decimals.fixed(p.crowding(), SCALE));
        }
    }

    private static void writeComparison(JsonGenerator g, PairedComparison p) throws IOException {
        g.writeObjectFieldStart("vsParent");
        g.writeStringField("verdict", p.verdict().label());
        g.writeNumberField("sharedCases", p.sharedCases());
        if (p.verdict().compared()) {
            g.writeObjectFieldStart("quality");
            number(g, "difference", p.qualityDifference());
            number(g, "low", p.qualityInterval().low());
            number(g, "high", p.qualityInterval().high());
            g.writeEndObject();
            g.writeObjectFieldStart("logLikelihood");
            number(g, "difference", p.logLikelihoodDifference());
            number(g, "low", p.logLikelihoodInterval().low());
            number(g, "high", p.logLikelihoodInterval().high());
            g.writeStringField("verdict", p.logLikelihoodVerdict().label());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeFailed(JsonGenerator g, FailedCandidate f) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", f.id());
        g.writeBooleanField("parent", f.parent());
        g.writeStringField("code", f.code().publishedName());
        g.writeNumberField("errorCode", f.code().code());
        g.writeStringField("cause", f.cause());
        g.writeEndObject();
    }

    private static void writeTiming(JsonGenerator g, TimingSection t) throws IOException {
        g.writeObjectFieldStart("timing");
        g.writeBooleanField("used", t.used());
        writeObjectives(g, "objectives", t.objectives());
        g.writeArrayFieldStart("candidates");
        for (TimingFigures f : t.figures()) {
            g.writeStartObject();
            g.writeStringField("id", f.id());
            number(g, "speed", f.speed());
            g.writeNumberField("speedSamples", f.speedSamples());
            g.writeNumberField("wallNanos", f.wallNanos());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("ranking");
        for (Placement p : t.ranking()) {
            g.writeStartObject();
            writePlacementFields(g, p);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String field, double value) throws IOException {
        g.writeFieldName(field);
        g.writeNumber(Decimals.fixed(value, SCALE));
    }

    /**
     * Reads a document written by {@link #write} or {@link #deterministicSection} (then the
     * timing section is empty and unused). Numbers come back as written (rounded).
     *
     * @throws IllegalArgumentException naming the JSON path of a missing or malformed field
     */
    public static Ranking read(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("ranking JSON is malformed: " + e.getMessage(), e);
        }
        Fields doc = new Fields(root, "");
        String format = doc.text("format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("ranking JSON: format must be '" + FORMAT + "', was '" + format + "'");
        }
        Fields timingNode = doc.has("timing") ? doc.object("timing") : null;
        boolean used = timingNode != null && timingNode.bool("used");
        RankingSettings settings = readSettings(doc.object("settings"), used);
        List<Objective> objectives = readObjectives(doc.array("objectives"));
        List<RankedCandidate> ranked = new ArrayList<>();
        for (Fields c : doc.array("candidates")) {
            ranked.add(readCandidate(c));
        }
        List<FailedCandidate> failed = new ArrayList<>();
        for (Fields f : doc.array("failed")) {
            failed.add(new FailedCandidate(f.text("id"), f.bool("parent"), errorCode(f), f.text("cause")));
        }
        TimingSection timing = timingNode == null ? new TimingSection(false, List.of(), List.of(), List.of())
                : readTiming(timingNode);
        return new Ranking(settings, objectives, ranked, failed, timing);
    }

    private static RankingSettings readSettings(Fields s, boolean useTiming) {
        Fields w = s.object("weights");
        ObjectiveWeights weights = new ObjectiveWeights(w.number("quality"), w.number("loglik"), w.number("cost"),
                w.number("speed"), w.number("size"));
        return new RankingSettings(s.integer("generationSeed"), (int) s.integer("resamples"), weights, useTiming);
    }

    private static List<Objective> readObjectives(List<Fields> keys) {
        List<Objective> out = new ArrayList<>();
        for (Fields k : keys) {
            out.add(Objective.fromKey(k.selfText()));
        }
        return out;
    }

    private static RankedCandidate readCandidate(Fields c) {
        Placement p = readPlacement(c);
        Fields q = c.object("quality");
        Fields cases = c.object("cases");
        FitnessVector f = new FitnessVector(q.number("mean"), new Interval(q.number("low"), q.number("high")),
                c.number("editSimilarity"), c.number("logLikelihood"), c.integer("costBytesPerToken"),
                new PackageSize(c.integer("modelBytes"), c.integer("adapterBytes")),
                (int) cases.integer("passed"), (int) cases.integer("failed"), (int) cases.integer("errored"));
        return new RankedCandidate(p, c.bool("parent"), f, readComparison(c.object("vsParent")));
    }

    private static Placement readPlacement(Fields p) {
        Fields crowding = p.field("crowding");
        double d = crowding.isText() && Decimals.INFINITY.equals(crowding.selfText()) ? Double.POSITIVE_INFINITY
                : crowding.selfNumber();
        return new Placement((int) p.integer("rank"), p.text("id"), (int) p.integer("front"), p.number("score"), d);
    }

    private static PairedComparison readComparison(Fields v) {
        Verdict verdict = Verdict.fromLabel(v.text("verdict"));
        int shared = (int) v.integer("sharedCases");
        if (verdict == Verdict.PARENT) {
            return PairedComparison.parent(shared);
        }
        if (verdict == Verdict.NOT_APPLICABLE) {
            return PairedComparison.notApplicable(shared);
        }
        Fields q = v.object("quality");
        Fields l = v.object("logLikelihood");
        return new PairedComparison(verdict, shared, q.number("difference"),
                new Interval(q.number("low"), q.number("high")), l.number("difference"),
                new Interval(l.number("low"), l.number("high")), Verdict.fromLabel(l.text("verdict")));
    }

    private static TimingSection readTiming(Fields t) {
        List<TimingFigures> figures = new ArrayList<>();
        for (Fields f : t.array("candidates")) {
            figures.add(new TimingFigures(f.text("id"), f.number("speed"), (int) f.integer("speedSamples"),
                    f.integer("wallNanos")));
        }
        List<Placement> ranking = new ArrayList<>();
        for (Fields p : t.array("ranking")) {
            ranking.add(readPlacement(p));
        }
        return new TimingSection(t.bool("used"), readObjectives(t.array("objectives")), figures, ranking);
    }

    private static ErrorCode errorCode(Fields f) {
        String name = f.text("code");
        for (ErrorCode c : ErrorCode.values()) {
            if (c.publishedName().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("ranking JSON: unknown error code '" + name + "' at " + f.path() + "/code");
    }

    /** A JSON node with its path, whose accessors name the path when a field is missing or mistyped. */
    private record Fields(JsonNode node, String path) {

        boolean has(String name) {
            return node.has(name);
        }

        Fields field(String name) {
            JsonNode n = node.get(name);
            if (n == null) {
                throw new IllegalArgumentException("ranking JSON: missing field " + path + "/" + name);
            }
            return new Fields(n, path + "/" + name);
        }

        Fields object(String name) {
            Fields f = field(name);
            if (!f.node.isObject()) {
                throw f.bad("an object");
            }
            return f;
        }

        List<Fields> array(String name) {
            Fields f = field(name);
            if (!f.node.isArray()) {
                throw f.bad("an array");
            }
            List<Fields> out = new ArrayList<>(f.node.size());
            for (int i = 0; i < f.node.size(); i++) {
                out.add(new Fields(f.node.get(i), f.path + "/" + i));
            }
            return out;
        }

        String text(String name) {
            return field(name).selfText();
        }

        boolean isText() {
            return node.isTextual();
        }

        String selfText() {
            if (!node.isTextual()) {
                throw bad("a string");
            }
            return node.textValue();
        }

        boolean bool(String name) {
            Fields f = field(name);
            if (!f.node.isBoolean()) {
                throw f.bad("a boolean");
            }
            return f.node.booleanValue();
        }

        long integer(String name) {
            Fields f = field(name);
            if (!f.node.isIntegralNumber() || !f.node.canConvertToLong()) {
                throw f.bad("an integer");
            }
            return f.node.longValue();
        }

        double number(String name) {
            return field(name).selfNumber();
        }

        double selfNumber() {
            if (!node.isNumber()) {
                throw bad("a number");
            }
            return node.doubleValue();
        }

        IllegalArgumentException bad(String expected) {
            return new IllegalArgumentException("ranking JSON: " + path + " must be " + expected + ", was " + node);
        }
    }
}
