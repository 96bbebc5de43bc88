package io.paddock.trainer.examples;

import io.paddock.protocol.generation.GenerationSpec;
import io.paddock.protocol.generation.GenerationWriter;
import io.paddock.protocol.json.JsonArray;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.json.JsonValue;
import io.paddock.protocol.json.JsonWriter;

import java.util.Map;

/**
 * A generation file laid out for people: one top-level member per line, one candidate per line;
 * the content is exactly {@link GenerationWriter}'s (it parses back to the same spec).
 */
final class GenerationJson {
    private GenerationJson() {
    }

    static String write(GenerationSpec spec) {
        JsonObject root = GenerationWriter.toJson(spec);
        StringBuilder out = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, JsonValue> e : root.members().entrySet()) {
            out.append("  ").append(JsonWriter.quote(e.getKey())).append(": ");
            if (e.getValue() instanceof JsonArray array && e.getKey().equals("candidates")) {
                out.append("[\n");
                for (int k = 0; k < array.size(); k++) {
                    out.append("    ").append(JsonWriter.write(array.get(k)))
                            .append(k + 1 < array.size() ? ",\n" : "\n");
                }
                out.append("  ]");
            } else {
                out.append(JsonWriter.write(e.getValue()));
            }
            out.append(++i < root.size() ? ",\n" : "\n");
        }
        return out.append("}\n").toString();
    }
}
