package io.paddock.protocol.json;

/**
 * Bounds for parsing untrusted JSON: the input length and each string's (and number
 * literal's) length in UTF-16 chars, and the nesting depth of arrays and objects.
 */
public record JsonLimits(int maxInputChars, int maxDepth, int maxStringChars) {
    /** Hard ceiling on {@link #maxDepth()}: the parser recurses once per level. */
    public static final int DEPTH_CEILING = 512;
    /** Depth used by {@link #ofInput(int)}. */
    public static final int DEFAULT_DEPTH = 64;

    public JsonLimits {
        if (maxInputChars < 0) {
            throw new IllegalArgumentException("maxInputChars must be ≥ 0, got " + maxInputChars);
        }
        if (maxDepth < 1 || maxDepth > DEPTH_CEILING) {
            throw new IllegalArgumentException("maxDepth must be in 1.." + DEPTH_CEILING + ", got " + maxDepth);
        }
        if (maxStringChars < 0) {
            throw new IllegalArgumentException("maxStringChars must be ≥ 0, got " + maxStringChars);
        }
    }

    /** Input of at most {@code maxInputChars}, depth {@value #DEFAULT_DEPTH}, strings bounded only by the input. */
    public static JsonLimits ofInput(int maxInputChars) {
        return new JsonLimits(maxInputChars, DEFAULT_DEPTH, maxInputChars);
    }
}
