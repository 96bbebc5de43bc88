package io.paddock.protocol.suite;

/** Bounds on an untrusted suite: total UTF-8 bytes, chars per line (per case), number of cases. */
public record SuiteLimits(long maxBytes, int maxLineChars, int maxCases) {
    /** 32 MiB, 1 Mi chars per line, 100,000 cases. */
    public static final SuiteLimits DEFAULT = new SuiteLimits(32L << 20, 1 << 20, 100_000);

    public SuiteLimits {
        if (maxBytes < 1 || maxLineChars < 1 || maxCases < 1) {
            throw new IllegalArgumentException("suite limits must be ≥ 1, got " + maxBytes + ", "
                    + maxLineChars + ", " + maxCases);
        }
    }
}
