package io.paddock.protocol.generation;

import io.paddock.protocol.json.JsonArray;
import io.paddock.protocol.json.JsonBool;
import io.paddock.protocol.json.JsonNumber;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.json.JsonString;
import io.paddock.protocol.json.JsonValue;
import io.paddock.protocol.json.JsonWriter;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.suite.SuiteWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link GenerationSpec} as compact JSON with every field explicit (sampling and
 * all objective weights included), in the order of the format. Floats are written so they
 * parse back to the same value; {@link GenerationParser} reads the output back to an equal spec.
 */
public final class GenerationWriter {
    private GenerationWriter() {
    }

    public static String write(GenerationSpec spec) {
        return JsonWriter.write(toJson(spec));
    }

    public static JsonObject toJson(GenerationSpec spec) {
        JsonValue suite;
        if (spec.suite() instanceof SuiteRef.Reference ref) {
            suite = JsonString.of(ref.reference());
        } else {
            suite = SuiteWriter.toJsonArray(((SuiteRef.Inline) spec.suite()).suite());
        }
        Sampling s = spec.sampling();
        JsonObject sampling = JsonObject.builder()
                .put("temperature", JsonNumber.of(s.temperature()))
                .put("top_k", s.topK())
                .put("top_p", JsonNumber.of(s.topP()))
                .put("seed", JsonNumber.ofUnsigned(s.seed()))
                .build();
        JsonObject.Builder objectives = JsonObject.builder();
        for (String name : Objectives.NAMES) {
            objectives.put(name, JsonNumber.of(spec.objectives().weight(name)));
        }
        List<JsonValue> candidates = new ArrayList<>();
        for (CandidateSpec c : spec.candidates()) {
            List<JsonValue> adapters = new ArrayList<>();
            for (String a : c.adapters()) {
                adapters.add(JsonString.of(a));
            }
            candidates.add(JsonObject.builder()
                    .put("id", c.id())
                    .put("model", c.model())
                    .put("adapters", new JsonArray(adapters))
                    .put("parent", JsonBool.of(c.parent()))
                    .build());
        }
        return JsonObject.builder()
                .put("name", spec.name())
                .put("suite", suite)
                .put("sampling", sampling)
                .put("objectives", objectives.build())
                .put("candidates", new JsonArray(candidates))
                .build();
    }
}
