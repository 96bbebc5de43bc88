package io.paddock.protocol.hash;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A package identity: the SHA-256 of its bytes, written {@code sha256:<64 lowercase hex>}.
 * Equality, ordering and {@link #toString()} all follow that text.
 */
public record Digest(String hex) implements Comparable<Digest> {
    /** The prefix of the text form. */
    public static final String PREFIX = "sha256:";
    private static final int HEX_LENGTH = 2 * Sha256.DIGEST_LENGTH;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** @throws IllegalArgumentException unless {@code hex} is 64 lowercase hex digits */
    public Digest {
        if (hex == null || !isLowerHex(hex)) {
            throw new IllegalArgumentException("digest hex must be 64 lowercase hex digits, got " + hex);
        }
    }

    /** Parses {@code sha256:<64 lowercase hex>} strictly; errors carry {@link ErrorCode#INVALID_SUITE}. */
    public static Digest parse(String text) {
        return parse(text, ErrorCode.INVALID_SUITE);
    }

    /** Parses {@code sha256:<64 lowercase hex>} strictly; errors carry {@code code}. */
    public static Digest parse(String text, ErrorCode code) {
        if (text == null) {
            throw new FormatException(code, "digest must be " + PREFIX + "<64 lowercase hex digits>", "null");
        }
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        if (!text.startsWith(PREFIX)) {
            throw new FormatException(code, "digest must start with '" + PREFIX + "'", shown);
        }
        String hex = text.substring(PREFIX.length());
        if (hex.length() != HEX_LENGTH) {
            throw new FormatException(code, "digest must have exactly 64 hex digits after '" + PREFIX
                    + "', it has " + hex.length(), shown);
        }
        if (!isLowerHex(hex)) {
            throw new FormatException(code, "digest hex digits must be 0-9 or a-f (lowercase)", shown);
        }
        return new Digest(hex);
    }

    /** Whether {@code text} is meant as a digest (has the {@code sha256:} prefix); says nothing of validity. */
    public static boolean isDigestReference(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    public static Digest of(byte[] data) {
        return fromBytes(Sha256.hash(data));
    }

    public static Digest of(byte[] data, int offset, int length) {
        Sha256 sha = new Sha256();
        sha.update(data, offset, length);
        return fromBytes(sha.digest());
    }

    /** The digest of everything left in {@code in} (read to its end, not closed). */
    public static Digest of(InputStream in) throws IOException {
        Sha256 sha = new Sha256();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            sha.update(buffer, 0, n);
        }
        return fromBytes(sha.digest());
    }

    /** Finishes {@code sha} (which is reset) and wraps the result. */
    public static Digest of(Sha256 sha) {
        return fromBytes(sha.digest());
    }

    /** Wraps 32 raw SHA-256 bytes. */
    public static Digest fromBytes(byte[] sha256) {
        if (sha256.length != Sha256.DIGEST_LENGTH) {
            throw new IllegalArgumentException("SHA-256 must be 32 bytes, got " + sha256.length);
        }
        char[] out = new char[HEX_LENGTH];
        for (int i = 0; i < sha256.length; i++) {
            out[2 * i] = HEX[(sha256[i] >>> 4) & 0xF];
            out[2 * i + 1] = HEX[sha256[i] & 0xF];
        }
        return new Digest(new String(out));
    }

    /** The 32 raw bytes (a fresh copy). */
    public byte[] bytes() {
        byte[] out = new byte[Sha256.DIGEST_LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (nibble(hex.charAt(2 * i)) << 4 | nibble(hex.charAt(2 * i + 1)));
        }
        return out;
    }

    @Override
    public int compareTo(Digest other) {
        return hex.compareTo(other.hex);
    }

    /** {@code sha256:<hex>}. */
    @Override
    public String toString() {
        return PREFIX + hex;
    }

    private static int nibble(char c) {
        return c <= '9' ? c - '0' : c - 'a' + 10;
    }

    private static boolean isLowerHex(String s) {
        if (s.length() != HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
