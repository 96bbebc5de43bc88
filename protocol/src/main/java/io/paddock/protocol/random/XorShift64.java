package io.paddock.protocol.random;

/**
 * Paddock's PRNG (C10): Marsaglia XorShift64 with shifts 13, 7, 17. Seed 0 is replaced by
 * {@code 0x9E3779B97F4A7C15}. Used for sampling and for every seeded synthetic artefact.
 */
public final class XorShift64 {
    public static final long ZERO_SEED_REPLACEMENT = 0x9E3779B97F4A7C15L;

    private long state;

    public XorShift64(long seed) {
        this.state = seed == 0 ? ZERO_SEED_REPLACEMENT : seed;
    }

    public long next() {
        long s = state;
        s ^= s << 13;
        s ^= s >>> 7;
        s ^= s << 17;
        state = s;
        return s;
    }

    /** Uniform float in [0, 1): {@code (next() >>> 40) * 2^-24}. */
    public float nextFloat() {
        return (next() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform int in [0, bound), bound > 0 (for synthetic data; not used by sampling). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) Long.remainderUnsigned(next(), bound);
    }
}
