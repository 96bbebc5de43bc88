package io.paddock.trainer.task;

import io.paddock.protocol.hash.Fnv;

import java.nio.charset.StandardCharsets;

/**
 * The split between training and evaluation problems: a prompt is held out (eval only, never
 * trained on) when the FNV-1a 64 hash of its UTF-8 bytes, finalized with a 64-bit mixer, is
 * 0 modulo {@link #MODULUS}. The rule depends on the prompt alone, so training streams and
 * suites made with any seed stay disjoint.
 */
public final class HeldOut {
    /** One prompt in {@code MODULUS} is held out. */
    public static final int MODULUS = 8;

    private HeldOut() {
    }

    public static boolean isHeldOut(String prompt) {
        long h = Fnv.hash(prompt.getBytes(StandardCharsets.UTF_8));
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return Long.remainderUnsigned(h, MODULUS) == 0;
    }
}
