package io.paddock.protocol.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] jdk(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    @Test
    void fipsVectors() {
        assertThat(hex(Sha256.hash(new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(hex(Sha256.hash("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex(Sha256.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
                .getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        assertThat(hex(Sha256.hash(("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    }

    @Test
    void millionAsFedOneByteAtATime() {
        Sha256 sha = new Sha256();
        for (int i = 0; i < 1_000_000; i++) {
            sha.update((byte) 'a');
        }
        assertThat(hex(sha.digest())).isEqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    @Test
    void matchesTheJdkOnEveryLengthUpTo300() throws Exception {
        Random random = new Random(42);
        for (int len = 0; len <= 300; len++) {
            byte[] data = new byte[len];
            random.nextBytes(data);
            assertThat(Sha256.hash(data)).as("length %d", len).isEqualTo(jdk(data));
        }
    }

    @Test
    void incrementalUpdatesInRandomPiecesMatchOneShot() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            byte[] data = new byte[random.nextInt(1000)];
            random.nextBytes(data);
            Sha256 sha = new Sha256();
            int i = 0;
            while (i < data.length) {
                int n = Math.min(data.length - i, random.nextInt(130));
                sha.update(data, i, n);
                i += n;
            }
            assertThat(sha.digest()).as("round %d, length %d", round, data.length).isEqualTo(jdk(data));
        }
    }

    @Test
    void matchesTheJdkOnSeveralMegabytes() throws Exception {
        Random random = new Random(3);
        for (int len : new int[] {1 << 20, 3 * (1 << 20) + 17, 5_000_001}) {
            byte[] data = new byte[len];
            random.nextBytes(data);
            Sha256 sha = new Sha256();
            sha.update(data, 0, 12345);
            sha.update(data, 12345, len - 12345);
            assertThat(sha.digest()).as("length %d", len).isEqualTo(jdk(data));
        }
    }

    @Test
    void digestResetsForReuse() {
        Sha256 sha = new Sha256();
        sha.update("junk".getBytes(StandardCharsets.US_ASCII));
        sha.digest();
        sha.update("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(sha.digest()).isEqualTo(Sha256.hash("abc".getBytes(StandardCharsets.US_ASCII)));
        assertThat(sha.digest()).isEqualTo(Sha256.hash(new byte[0]));
    }

    @Test
    void updateOfASubrangeHashesOnlyThatRange() {
        byte[] data = "xxabcyy".getBytes(StandardCharsets.US_ASCII);
        Sha256 sha = new Sha256();
        sha.update(data, 2, 3);
        assertThat(sha.digest()).isEqualTo(Sha256.hash(Arrays.copyOfRange(data, 2, 5)));
    }

    @Test
    void rejectsRangesOutsideTheArray() {
        Sha256 sha = new Sha256();
        byte[] data = new byte[10];
        assertThatThrownBy(() -> sha.update(data, -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> sha.update(data, 5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> sha.update(data, 2, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> sha.update(data, Integer.MAX_VALUE, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
