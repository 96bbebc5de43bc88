package io.paddock.protocol.suite;

import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.json.JsonArray;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.json.JsonValue;
import io.paddock.protocol.json.JsonWriter;
import io.paddock.protocol.json.Utf8;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical form of a suite: one compact JSON object per case, fields in the order
 * {@code id, prompt, expected, max_new_tokens, match} (match always written), each line
 * ending in LF, UTF-8. Equal suites give equal bytes, so {@link #digest(Suite)} identifies
 * a suite whether it came from a file or inline. Parsing the output gives the suite back.
 */
public final class SuiteWriter {
    private SuiteWriter() {
    }

    public static String toJsonl(Suite suite) {
        StringBuilder out = new StringBuilder();
        for (EvalCase c : suite.cases()) {
            JsonWriter.write(toJson(c), out);
            out.append('\n');
        }
        return out.toString();
    }

    public static byte[] toUtf8(Suite suite) {
        return Utf8.encode(toJsonl(suite));
    }

    /** SHA-256 of the canonical bytes. */
    public static Digest digest(Suite suite) {
        return Digest.of(toUtf8(suite));
    }

    /** The cases as a JSON array (the inline form inside a generation). */
    public static JsonArray toJsonArray(Suite suite) {
        List<JsonValue> items = new ArrayList<>(suite.size());
        for (EvalCase c : suite.cases()) {
            items.add(toJson(c));
        }
        return new JsonArray(items);
    }

    public static JsonObject toJson(EvalCase c) {
        return JsonObject.builder()
                .put("id", c.id())
                .put("prompt", c.prompt())
                .put("expected", c.expected())
                .put("max_new_tokens", c.maxNewTokens())
                .put("match", c.match().label())
                .build();
    }
}
