package io.paddock.protocol.json;

/** A JSON string. The value is well-formed UTF-16 (no unpaired surrogates), so it always encodes as UTF-8. */
public record JsonString(String value) implements JsonValue {
    /** @throws IllegalArgumentException if {@code value} is null or holds an unpaired surrogate */
    public JsonString {
        if (value == null) {
            throw new IllegalArgumentException("JSON string value must not be null");
        }
        int bad = firstUnpairedSurrogate(value);
        if (bad >= 0) {
            throw new IllegalArgumentException("JSON string holds an unpaired surrogate U+"
                    + Integer.toHexString(value.charAt(bad)).toUpperCase(java.util.Locale.ROOT) + " at index " + bad);
        }
    }

    public static JsonString of(String value) {
        return new JsonString(value);
    }

    @Override
    public String typeName() {
        return "string";
    }

    /** Index of the first unpaired surrogate in {@code s}, or -1 if it is well-formed UTF-16. */
    public static int firstUnpairedSurrogate(CharSequence s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
