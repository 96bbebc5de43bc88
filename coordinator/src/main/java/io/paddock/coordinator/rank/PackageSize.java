package io.paddock.coordinator.rank;

/** A candidate's package bytes: its model plus all its adapters. */
public record PackageSize(long modelBytes, long adapterBytes) {

    public PackageSize {
        if (modelBytes < 0 || adapterBytes < 0) {
            throw new IllegalArgumentException("package sizes must be >= 0, were " + modelBytes + " and " + adapterBytes);
        }
        Math.addExact(modelBytes, adapterBytes);
    }

    public long total() {
        return modelBytes + adapterBytes;
    }
}
