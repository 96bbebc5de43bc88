package io.paddock.protocol.hash;

/**
 * SHA-256 (FIPS 180-4) in plain Java, incremental. Exists because TeaVM has no
 * {@code MessageDigest}; on the JVM it gives the same bytes as {@code MessageDigest("SHA-256")}.
 * Not thread-safe; {@link #digest()} finishes the hash and resets the instance for reuse.
 */
public final class Sha256 {
    /** Length of a digest in bytes. */
    public static final int DIGEST_LENGTH = 32;

    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    private final int[] h = new int[8];
    private final int[] w = new int[64];
    private final byte[] block = new byte[64];
    private int blockFill;
    private long totalBytes;

    public Sha256() {
        reset();
    }

    /** The SHA-256 of {@code data}. */
    public static byte[] hash(byte[] data) {
        Sha256 sha = new Sha256();
        sha.update(data, 0, data.length);
        return sha.digest();
    }

    /** Forgets everything fed so far. */
    public void reset() {
        h[0] = 0x6a09e667;
        h[1] = 0xbb67ae85;
        h[2] = 0x3c6ef372;
        h[3] = 0xa54ff53a;
        h[4] = 0x510e527f;
        h[5] = 0x9b05688c;
        h[6] = 0x1f83d9ab;
        h[7] = 0x5be0cd19;
        blockFill = 0;
        totalBytes = 0;
    }

    public void update(byte b) {
        block[blockFill++] = b;
        totalBytes++;
        if (blockFill == 64) {
            compress(block, 0);
            blockFill = 0;
        }
    }

    public void update(byte[] data) {
        update(data, 0, data.length);
    }

    /** Feeds {@code data[offset, offset+length)}. */
    public void update(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + "+" + length
                    + ") outside array of length " + data.length);
        }
        totalBytes += length;
        int i = offset;
        int end = offset + length;
        if (blockFill > 0) {
            int n = Math.min(64 - blockFill, length);
            System.arraycopy(data, i, block, blockFill, n);
            blockFill += n;
            i += n;
            if (blockFill < 64) {
                return;
            }
            compress(block, 0);
            blockFill = 0;
        }
        while (end - i >= 64) {
            compress(data, i);
            i += 64;
        }
        int rest = end - i;
        System.arraycopy(data, i, block, 0, rest);
        blockFill = rest;
    }

    /** Finishes the hash, returns its 32 bytes and resets this instance. */
    public byte[] digest() {
        long bitLength = totalBytes << 3;
        block[blockFill++] = (byte) 0x80;
        if (blockFill > 56) {
            while (blockFill < 64) {
                block[blockFill++] = 0;
            }
            compress(block, 0);
            blockFill = 0;
        }
        while (blockFill < 56) {
            block[blockFill++] = 0;
        }
        for (int i = 0; i < 8; i++) {
            block[56 + i] = (byte) (bitLength >>> (56 - 8 * i));
        }
        compress(block, 0);
        byte[] out = new byte[DIGEST_LENGTH];
        for (int i = 0; i < 8; i++) {
            out[4 * i] = (byte) (h[i] >>> 24);
            out[4 * i + 1] = (byte) (h[i] >>> 16);
            out[4 * i + 2] = (byte) (h[i] >>> 8);
            out[4 * i + 3] = (byte) h[i];
        }
        reset();
        return out;
    }

    private void compress(byte[] data, int offset) {
        for (int t = 0; t < 16; t++) {
            int p = offset + 4 * t;
            w[t] = (data[p] & 0xFF) << 24 | (data[p + 1] & 0xFF) << 16 | (data[p + 2] & 0xFF) << 8 | (data[p + 3] & 0xFF);
        }
        for (int t = 16; t < 64; t++) {
            int w15 = w[t - 15];
            int w2 = w[t - 2];
            int s0 = Integer.rotateRight(w15, 7) ^ Integer.rotateRight(w15, 18) ^ (w15 >>> 3);
            int s1 = Integer.rotateRight(w2, 17) ^ Integer.rotateRight(w2, 19) ^ (w2 >>> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        int a = h[0];
        int b = h[1];
        int c = h[2];
        int d = h[3];
        int e = h[4];
        int f = h[5];
        int g = h[6];
        int hh = h[7];
        for (int t = 0; t < 64; t++) {
            int s1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
            int ch = (e & f) ^ (~e & g);
            int t1 = hh + s1 + ch + K[t] + w[t];
            int s0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
            int maj = (a & b) ^ (a & c) ^ (b & c);
            int t2 = s0 + maj;
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
}
