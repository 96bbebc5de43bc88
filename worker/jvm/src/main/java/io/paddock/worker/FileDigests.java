package io.paddock.worker;

import io.paddock.protocol.hash.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a file on the JVM, streamed with the JDK's hardware-accelerated implementation
 * (the same bytes as the dependency-free {@code protocol.hash.Sha256}, about five times faster).
 */
public final class FileDigests {
    private FileDigests() {
    }

    public static Digest sha256(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return Digest.fromBytes(sha.digest());
    }
}
