package io.paddock.protocol.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON object: members in insertion order (the order they are written in), unique keys.
 * Equality ignores member order, as JSON does; the written text does not.
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {
    public JsonObject {
        LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : members.entrySet()) {
            JsonString.of(Objects.requireNonNull(e.getKey(), "JSON object key"));
            copy.put(e.getKey(), Objects.requireNonNull(e.getValue(), "JSON object value"));
        }
        members = Collections.unmodifiableMap(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The member named {@code name}, or null when absent. */
    public JsonValue get(String name) {
        return members.get(name);
    }

    public boolean has(String name) {
        return members.containsKey(name);
    }

    public int size() {
        return members.size();
    }

    @Override
    public String typeName() {
        return "object";
    }

    /** Collects members in order; a repeated key is an error. */
    public static final class Builder {
        private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

        private Builder() {
        }

        /** @throws IllegalArgumentException if {@code name} was already put */
        public Builder put(String name, JsonValue value) {
            Objects.requireNonNull(value, "JSON object value");
            if (members.putIfAbsent(Objects.requireNonNull(name, "JSON object key"), value) != null) {
                throw new IllegalArgumentException("duplicate JSON object key '" + name + "'");
            }
            return this;
        }

        public Builder put(String name, String value) {
            return put(name, JsonString.of(value));
        }

        public Builder put(String name, long value) {
            return put(name, JsonNumber.of(value));
        }

        public Builder put(String name, boolean value) {
            return put(name, JsonBool.of(value));
        }

        public JsonObject build() {
            return new JsonObject(members);
        }
    }
}
