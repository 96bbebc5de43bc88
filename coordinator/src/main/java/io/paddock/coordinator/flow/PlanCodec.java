package io.paddock.coordinator.flow;

import io.paddock.coordinator.schedule.CandidateFailure;
import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.generation.Objectives;
import io.paddock.protocol.json.ErrorContext;
import io.paddock.protocol.json.JsonArray;
import io.paddock.protocol.json.JsonNull;
import io.paddock.protocol.json.JsonNumber;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.json.JsonParser;
import io.paddock.protocol.json.JsonString;
import io.paddock.protocol.json.JsonValue;
import io.paddock.protocol.json.JsonWriter;
import io.paddock.protocol.json.ObjectReader;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.SuiteParser;
import io.paddock.protocol.suite.SuiteWriter;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.wire.WireCodec;

import java.util.ArrayList;
import java.util.List;

/** A plan as JSON text: how plans are shared between coordinators (the plans map). */
public final class PlanCodec {
    private static final ErrorContext CONTEXT = ErrorContext.of("plan");

    private PlanCodec() {
    }

    public static String write(GenerationPlan plan) {
        List<JsonValue> cases = new ArrayList<>(plan.cases().size());
        for (EvalCase c : plan.cases()) {
            cases.add(SuiteWriter.toJson(c));
        }
        List<JsonValue> candidates = new ArrayList<>(plan.candidates().size());
        for (PlannedCandidate c : plan.candidates()) {
            List<JsonValue> adapters = new ArrayList<>();
            for (String a : c.adapterDigests()) {
                adapters.add(JsonString.of(a));
            }
            JsonValue rejection = c.rejection() == null ? JsonNull.INSTANCE : JsonObject.builder()
                    .put("code", c.rejection().code().name()).put("cause", c.rejection().cause()).build();
            candidates.add(JsonObject.builder()
                    .put("index", c.index()).put("id", c.id()).put("parent", c.parent())
                    .put("model", c.modelDigest()).put("adapters", new JsonArray(adapters))
                    .put("model_bytes", c.modelBytes()).put("adapter_bytes", c.adapterBytes())
                    .put("cost", c.costBytesPerToken()).put("rejection", rejection)
                    .build());
        }
        Objectives o = plan.objectives();
        return JsonWriter.write(JsonObject.builder()
                .put("id", plan.id()).put("name", plan.name()).put("created", plan.createdMillis())
                .put("sampling", WireCodec.samplingToJson(plan.sampling()))
                .put("objectives", JsonObject.builder()
                        .put("quality", JsonNumber.of(o.quality())).put("loglik", JsonNumber.of(o.loglik()))
                        .put("cost", JsonNumber.of(o.cost())).put("speed", JsonNumber.of(o.speed()))
                        .put("size", JsonNumber.of(o.size())).build())
                .put("ranking_seed", JsonNumber.ofUnsigned(plan.rankingSeed()))
                .put("mean_tokens", JsonNumber.of(plan.meanTokensPerCase()))
                .put("cases", new JsonArray(cases))
                .put("candidates", new JsonArray(candidates))
                .build());
    }

    public static GenerationPlan read(String text) {
        ObjectReader r = ObjectReader.of(JsonParser.parse(text, Integer.MAX_VALUE - 16, "plan"), CONTEXT, "",
                "id", "name", "created", "sampling", "objectives", "ranking_seed", "mean_tokens", "cases", "candidates");
        ObjectReader s = r.object("sampling", "temperature", "top_k", "top_p", "seed");
        Sampling sampling = new Sampling(s.floatValue("temperature"), s.integer("top_k"), s.floatValue("top_p"),
                s.unsignedLong("seed"));
        ObjectReader o = r.object("objectives", "quality", "loglik", "cost", "speed", "size");
        Objectives objectives = new Objectives(o.doubleValue("quality"), o.doubleValue("loglik"),
                o.doubleValue("cost"), o.doubleValue("speed"), o.doubleValue("size"));
        JsonArray caseArray = r.array("cases");
        List<EvalCase> cases = new ArrayList<>(caseArray.size());
        for (int i = 0; i < caseArray.size(); i++) {
            cases.add(SuiteParser.readCase(caseArray.get(i), CONTEXT, "cases[" + i + "]"));
        }
        List<PlannedCandidate> candidates = new ArrayList<>();
        for (ObjectReader c : r.objects("candidates", "index", "id", "parent", "model", "adapters", "model_bytes",
                "adapter_bytes", "cost", "rejection")) {
            CandidateFailure rejection = null;
            if (!(c.value("rejection") instanceof JsonNull)) {
                ObjectReader f = c.object("rejection", "code", "cause");
                rejection = new CandidateFailure(ErrorCode.valueOf(f.string("code")), f.string("cause"));
            }
            candidates.add(new PlannedCandidate(c.integer("index"), c.string("id"), c.bool("parent"),
                    c.string("model"), c.strings("adapters"), c.longValue("model_bytes"),
                    c.longValue("adapter_bytes"), c.longValue("cost"), rejection));
        }
        return new GenerationPlan(r.string("id"), r.string("name"), r.longValue("created"), sampling, objectives,
                r.unsignedLong("ranking_seed"), r.doubleValue("mean_tokens"), cases, candidates);
    }
}
