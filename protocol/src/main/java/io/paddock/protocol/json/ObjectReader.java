package io.paddock.protocol.json;

import io.paddock.protocol.error.FormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Typed, path-aware access to the fields of a JSON object being validated. Created with the
 * list of allowed field names, so an unknown field is reported at once. Errors read
 * {@code where: field 'candidates[2].adapters[0]' must be a string: got number 5},
 * {@code where: missing field 'model'} or {@code where: unknown field 'colour' (allowed: …)}.
 */
public final class ObjectReader {
    private final JsonObject object;
    private final ErrorContext context;
    private final String path;

    private ObjectReader(JsonObject object, ErrorContext context, String path) {
        this.object = object;
        this.context = context;
        this.path = path;
    }

    /**
     * Reads {@code value} as an object at {@code path} ("" for the document root) whose field
     * names must all be in {@code allowed}.
     */
    public static ObjectReader of(JsonValue value, ErrorContext context, String path, Collection<String> allowed) {
        if (!(value instanceof JsonObject obj)) {
            String subject = path.isEmpty() ? "value" : "field '" + path + "'";
            throw context.fail(subject + " must be a JSON object", value.describe());
        }
        ObjectReader reader = new ObjectReader(obj, context, path);
        for (String key : obj.members().keySet()) {
            if (!allowed.contains(key)) {
                throw context.fail("unknown field '" + reader.pathOf(key) + "' (allowed: "
                        + String.join(", ", allowed) + ")", obj.get(key).describe());
            }
        }
        return reader;
    }

    public static ObjectReader of(JsonValue value, ErrorContext context, String path, String... allowed) {
        return of(value, context, path, Arrays.asList(allowed));
    }

    public JsonObject object() {
        return object;
    }

    public ErrorContext context() {
        return context;
    }

    /** This object's path, "" at the root. */
    public String path() {
        return path;
    }

    /** The path of field {@code name}, e.g. {@code candidates[2].model}. */
    public String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public boolean has(String name) {
        return object.has(name);
    }

    /** An error about field {@code name}: {@code where: field 'path.name' rule: got bad}. */
    public FormatException fail(String name, String rule, Object badValue) {
        return context.fail("field '" + pathOf(name) + "' " + rule, badValue);
    }

    /** The value of required field {@code name}, of any type. */
    public JsonValue value(String name) {
        JsonValue v = object.get(name);
        if (v == null) {
            throw context.fail("missing field '" + pathOf(name) + "'",
                    "object with fields " + object.members().keySet());
        }
        return v;
    }

    public String string(String name) {
        JsonValue v = value(name);
        if (v instanceof JsonString s) {
            return s.value();
        }
        throw fail(name, "must be a string", v.describe());
    }

    public String string(String name, String defaultValue) {
        return has(name) ? string(name) : defaultValue;
    }

    /** A required string of 1..{@code maxChars} chars. */
    public String nonEmptyString(String name, int maxChars) {
        String s = string(name);
        if (s.isEmpty()) {
            throw fail(name, "must not be empty", "\"\"");
        }
        if (s.length() > maxChars) {
            throw fail(name, "must be at most " + maxChars + " chars long", s.length() + " chars");
        }
        return s;
    }

    public boolean bool(String name) {
        JsonValue v = value(name);
        if (v instanceof JsonBool b) {
            return b.value();
        }
        throw fail(name, "must be true or false", v.describe());
    }

    public boolean bool(String name, boolean defaultValue) {
        return has(name) ? bool(name) : defaultValue;
    }

    public int integer(String name) {
        JsonNumber n = number(name);
        return convert(name, n, JsonNumber.INT_RULE, n::toInt);
    }

    /** A required integer in {@code min..max}; out of range reads "must be ≥ min" or "must be ≤ max". */
    public int integer(String name, int min, int max) {
        return checkRange(name, integer(name), min, max);
    }

    /** An optional integer in {@code min..max}. */
    public int integer(String name, int min, int max, int defaultValue) {
        return has(name) ? integer(name, min, max) : defaultValue;
    }

    public long longValue(String name) {
        JsonNumber n = number(name);
        return convert(name, n, JsonNumber.LONG_RULE, n::toLong);
    }

    /** An unsigned 64-bit integer (0..2^64-1) in a long's bits. */
    public long unsignedLong(String name) {
        JsonNumber n = number(name);
        return convert(name, n, JsonNumber.UNSIGNED_RULE, n::toUnsignedLong);
    }

    public long unsignedLong(String name, long defaultValue) {
        return has(name) ? unsignedLong(name) : defaultValue;
    }

    public float floatValue(String name) {
        JsonNumber n = number(name);
        return convert(name, n, JsonNumber.FLOAT_RULE, n::toFloat);
    }

    public float floatValue(String name, float defaultValue) {
        return has(name) ? floatValue(name) : defaultValue;
    }

    public double doubleValue(String name) {
        JsonNumber n = number(name);
        return convert(name, n, JsonNumber.DOUBLE_RULE, n::toDouble);
    }

    public double doubleValue(String name, double defaultValue) {
        return has(name) ? doubleValue(name) : defaultValue;
    }

    public JsonArray array(String name) {
        JsonValue v = value(name);
        if (v instanceof JsonArray a) {
            return a;
        }
        throw fail(name, "must be an array", v.describe());
    }

    /** Required nested object field, with its own allowed names. */
    public ObjectReader object(String name, String... allowed) {
        return of(value(name), context, pathOf(name), allowed);
    }

    /** A required array of strings; element errors name e.g. {@code adapters[0]}. */
    public List<String> strings(String name) {
        JsonArray a = array(name);
        List<String> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            JsonValue v = a.get(i);
            if (!(v instanceof JsonString s)) {
                throw context.fail("field '" + pathOf(name) + "[" + i + "]' must be a string", v.describe());
            }
            out.add(s.value());
        }
        return out;
    }

    /** A required array of objects, each read with {@code allowed} field names at {@code name[i]}. */
    public List<ObjectReader> objects(String name, String... allowed) {
        JsonArray a = array(name);
        List<ObjectReader> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(of(a.get(i), context, pathOf(name) + "[" + i + "]", allowed));
        }
        return out;
    }

    private JsonNumber number(String name) {
        JsonValue v = value(name);
        if (v instanceof JsonNumber n) {
            return n;
        }
        throw fail(name, "must be a number", v.describe());
    }

    private <T> T convert(String name, JsonNumber n, String rule, Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (FormatException e) {
            throw fail(name, rule, n.describe());
        }
    }

    private int checkRange(String name, int value, int min, int max) {
        if (value < min) {
            throw fail(name, "must be ≥ " + min, value);
        }
        if (value > max) {
            throw fail(name, "must be ≤ " + max, value);
        }
        return value;
    }
}
