package io.paddock.browser;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.hash.Sha256;

import java.nio.ByteBuffer;

/** Checks that downloaded package bytes hash to the digest they were fetched by (as the JVM worker does). */
final class PackageDigest {
    private static final int CHUNK = 1 << 16;

    private PackageDigest() {
    }

    /** The SHA-256 digest of the first {@code size} bytes of {@code buffer}. */
    static Digest of(ByteBuffer buffer, int size) {
        Sha256 sha = new Sha256();
        byte[] chunk = new byte[Math.min(CHUNK, Math.max(1, size))];
        for (int pos = 0; pos < size; ) {
            int n = Math.min(chunk.length, size - pos);
            buffer.get(pos, chunk, 0, n);
            sha.update(chunk, 0, n);
            pos += n;
        }
        return Digest.of(sha);
    }

    /** ModelNotLoaded unless the bytes hash to {@code expected} ({@code sha256:<hex>}). */
    static Digest verify(ByteBuffer buffer, int size, String expected) {
        Digest want = Digest.parse(expected, ErrorCode.INVALID_MESSAGE);
        Digest actual = of(buffer, size);
        if (!actual.equals(want)) {
            throw new FormatException(ErrorCode.MODEL_NOT_LOADED, "downloaded package bytes must hash to their digest",
                    expected + " hashed to " + actual);
        }
        return want;
    }
}
