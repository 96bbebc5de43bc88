package io.paddock.protocol.json;

/**
 * An immutable JSON value (RFC 8259). Built by {@link JsonParser}, written by {@link JsonWriter}.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBool, JsonNull {
    /** {@code object}, {@code array}, {@code string}, {@code number}, {@code boolean} or {@code null}. */
    String typeName();

    /** Compact JSON text of this value (see {@link JsonWriter}). */
    default String toJson() {
        return JsonWriter.write(this);
    }

    /** A short description for error messages, e.g. {@code number 5} or {@code string "ab…"}. */
    default String describe() {
        if (this instanceof JsonNull) {
            return "null";
        }
        String json = JsonWriter.write(this);
        if (json.length() > 60) {
            int cut = 57;
            if (Character.isHighSurrogate(json.charAt(cut - 1))) {
                cut--;
            }
            json = json.substring(0, cut) + "…";
        }
        return typeName() + " " + json;
    }
}
