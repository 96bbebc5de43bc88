package io.paddock.protocol.json;

import java.util.List;

/** A JSON array; the list is immutable. */
public record JsonArray(List<JsonValue> items) implements JsonValue {
    public JsonArray {
        items = List.copyOf(items);
    }

    public static JsonArray of(JsonValue... items) {
        return new JsonArray(List.of(items));
    }

    public int size() {
        return items.size();
    }

    public JsonValue get(int index) {
        return items.get(index);
    }

    @Override
    public String typeName() {
        return "array";
    }
}
