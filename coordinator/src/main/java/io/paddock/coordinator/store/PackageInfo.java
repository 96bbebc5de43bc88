package io.paddock.coordinator.store;

/**
 * What the store knows of a verified package.
 *
 * @param digest            {@code sha256:…} of its bytes
 * @param kind              model, adapter or suite
 * @param bytes             its size
 * @param detail            a one-line summary (dtype and shape, adapter family, case count)
 * @param costBytesPerToken for a model, weight bytes read per generated token (0 otherwise)
 */
public record PackageInfo(String digest, PackageKind kind, long bytes, String detail, long costBytesPerToken) {
}
