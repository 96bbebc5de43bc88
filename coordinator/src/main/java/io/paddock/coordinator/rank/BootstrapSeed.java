package io.paddock.coordinator.rank;

import io.paddock.protocol.hash.Fnv;

import java.nio.charset.StandardCharsets;

/**
 * Seeds of the bootstraps: FNV-1a 64 over the generation seed (8 bytes, little-endian),
 * the UTF-8 purpose, one 0 byte, and the UTF-8 candidate id. Each (purpose, candidate)
 * pair thus draws its own stream, the same on every run and every machine.
 */
public final class BootstrapSeed {
    /** Purpose of the quality interval resamples. */
    public static final String QUALITY = "quality";
    /** Purpose of the paired-vs-parent resamples. */
    public static final String PAIRED = "paired";

    private BootstrapSeed() {
    }

    public static long derive(long generationSeed, String purpose, String candidateId) {
        long h = Fnv.updateLong(Fnv.BASIS, generationSeed);
        byte[] p = purpose.getBytes(StandardCharsets.UTF_8);
        h = Fnv.update(h, p, 0, p.length);
        h = Fnv.update(h, (byte) 0);
        byte[] id = candidateId.getBytes(StandardCharsets.UTF_8);
        return Fnv.update(h, id, 0, id.length);
    }
}
