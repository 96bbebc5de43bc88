package io.paddock.protocol.adapter;

/**
 * What {@code paddock adapter random} makes: a seeded synthetic descendant of a model.
 *
 * @param kind       dense, sparse or low-rank
 * @param rank       low-rank: the rank of each record, at most min(rows, cols) of its tensor
 *                   (a tensor narrower than {@code rank}, e.g. a 1-D norm, gets rank min(rows, cols));
 *                   ignored by the other kinds; ≥ 1
 * @param density    sparse: the probability that an element is touched, in (0, 1]; at least one
 *                   element of every selected tensor is touched; ignored by the other kinds
 * @param scale      the header scale, finite
 * @param tensors    glob over canonical tensor names ({@link TensorGlob}); must match at least one
 * @param bindParent true to bind the adapter to the base file's SHA-256
 * @param seed       the XorShift64 seed; same seed and base, same bytes
 */
public record RandomAdapterSpec(
        AdapterKind kind, int rank, double density, float scale, String tensors, boolean bindParent, long seed) {

    public static final int DEFAULT_RANK = 4;
    public static final double DEFAULT_DENSITY = 0.01;
    public static final float DEFAULT_SCALE = 1.0f;
    public static final String DEFAULT_TENSORS = "*";

    public RandomAdapterSpec {
        if (kind == null) {
            throw new IllegalArgumentException("adapter kind must be set");
        }
        if (rank < 1) {
            throw new IllegalArgumentException("--rank must be at least 1, got " + rank);
        }
        if (!(density > 0 && density <= 1)) {
            throw new IllegalArgumentException("--density must be in (0, 1], got " + density);
        }
        if (!Float.isFinite(scale)) {
            throw new IllegalArgumentException("--scale must be finite, got " + scale);
        }
        new TensorGlob(tensors);
    }

    /** The defaults: rank 4, density 0.01, scale 1.0, tensors "*", unbound. */
    public static RandomAdapterSpec defaults(AdapterKind kind, long seed) {
        return new RandomAdapterSpec(kind, DEFAULT_RANK, DEFAULT_DENSITY, DEFAULT_SCALE, DEFAULT_TENSORS, false, seed);
    }

    public RandomAdapterSpec withRank(int newRank) {
        return new RandomAdapterSpec(kind, newRank, density, scale, tensors, bindParent, seed);
    }

    public RandomAdapterSpec withDensity(double newDensity) {
        return new RandomAdapterSpec(kind, rank, newDensity, scale, tensors, bindParent, seed);
    }

    public RandomAdapterSpec withScale(float newScale) {
        return new RandomAdapterSpec(kind, rank, density, newScale, tensors, bindParent, seed);
    }

    public RandomAdapterSpec withTensors(String newTensors) {
        return new RandomAdapterSpec(kind, rank, density, scale, newTensors, bindParent, seed);
    }

    public RandomAdapterSpec withBindParent(boolean newBindParent) {
        return new RandomAdapterSpec(kind, rank, density, scale, tensors, newBindParent, seed);
    }
}
