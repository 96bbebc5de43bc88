package io.paddock.protocol.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DigestTest {
    private static final String ABC = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void ofBytesGivesThePrefixedLowercaseHex() {
        Digest d = Digest.of("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(d.toString()).isEqualTo(ABC);
        assertThat(d.hex()).isEqualTo(ABC.substring(7));
    }

    @Test
    void parseRoundTripsAndBytesMatchTheHash() throws Exception {
        Digest d = Digest.parse(ABC);
        assertThat(d).isEqualTo(Digest.of("abc".getBytes(StandardCharsets.US_ASCII)));
        assertThat(d.bytes()).isEqualTo(MessageDigest.getInstance("SHA-256").digest("abc".getBytes(StandardCharsets.US_ASCII)));
        assertThat(Digest.fromBytes(d.bytes())).isEqualTo(d);
        assertThat(Digest.parse(d.toString())).isEqualTo(d);
    }

    @Test
    void streamingSubrangeAndHasherFormsAgree() throws Exception {
        byte[] data = new byte[200_000];
        new Random(5).nextBytes(data);
        Digest expected = Digest.fromBytes(MessageDigest.getInstance("SHA-256").digest(data));
        assertThat(Digest.of(data)).isEqualTo(expected);
        assertThat(Digest.of(new ByteArrayInputStream(data))).isEqualTo(expected);
        byte[] padded = new byte[data.length + 10];
        System.arraycopy(data, 0, padded, 4, data.length);
        assertThat(Digest.of(padded, 4, data.length)).isEqualTo(expected);
        Sha256 sha = new Sha256();
        sha.update(data, 0, 1000);
        sha.update(data, 1000, data.length - 1000);
        assertThat(Digest.of(sha)).isEqualTo(expected);
    }

    @Test
    void bytesAreACopy() {
        Digest d = Digest.parse(ABC);
        d.bytes()[0] = 0;
        assertThat(d.bytes()[0]).isEqualTo((byte) 0xba);
    }

    @Test
    void parseIsStrict() {
        String hex = ABC.substring(7);
        assertRejected(hex, "must start with 'sha256:'");
        assertRejected("SHA256:" + hex, "must start with 'sha256:'");
        assertRejected("sha512:" + hex, "must start with 'sha256:'");
        assertRejected("sha256:" + hex.toUpperCase(), "0-9 or a-f (lowercase)");
        assertRejected("sha256:" + hex.substring(1), "exactly 64 hex digits");
        assertRejected("sha256:" + hex + "0", "exactly 64 hex digits");
        assertRejected("sha256:", "exactly 64 hex digits");
        assertRejected(" " + ABC, "must start with");
        assertRejected(ABC + " ", "exactly 64");
        assertRejected("sha256:" + hex.substring(1) + "g", "0-9 or a-f");
        assertRejected(null, "sha256:");
    }

    @Test
    void parseUsesTheCallersCode() {
        assertThatThrownBy(() -> Digest.parse("nope", ErrorCode.INVALID_ADAPTER))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ADAPTER));
    }

    @Test
    void constructorAndFromBytesCheckTheirInput() {
        assertThatThrownBy(() -> new Digest("ABC")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Digest.fromBytes(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void digestReferencesAreRecognisedByPrefixOnly() {
        assertThat(Digest.isDigestReference(ABC)).isTrue();
        assertThat(Digest.isDigestReference("sha256:nonsense")).isTrue();
        assertThat(Digest.isDigestReference("models/a.slm")).isFalse();
        assertThat(Digest.isDigestReference(null)).isFalse();
    }

    @Test
    void ordersByHex() {
        Digest a = Digest.parse("sha256:" + "0".repeat(64));
        Digest b = Digest.parse("sha256:" + "f".repeat(64));
        assertThat(a).isLessThan(b);
    }

    private static void assertRejected(String text, String ruleFragment) {
        assertThatThrownBy(() -> Digest.parse(text))
                .as("%s", text)
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SUITE);
                    assertThat(e.rule()).contains(ruleFragment);
                });
    }
}
