package io.paddock.runtime.generate;

import io.paddock.protocol.random.XorShift64;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Strict validation and maximal-subpart replacement, checked against the JDK's UTF-8 codec. */
class Utf8Test {

    @Test
    void wellFormedTextIsValidAndDecodesUnchanged() {
        String s = "héllo, wörld: € 𝄞 — 日本語";
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.isValid(b)).isTrue();
        assertThat(Utf8.firstInvalidOffset(b)).isEqualTo(-1);
        assertThat(Utf8.decode(b)).isEqualTo(s);
        assertThat(Utf8.isValid(new byte[0])).isTrue();
    }

    @Test
    void illFormedSequencesAreFoundAtTheirFirstByte() {
        assertThat(Utf8.firstInvalidOffset(bytes(0x61, 0x80))).isEqualTo(1);              // lone continuation
        assertThat(Utf8.firstInvalidOffset(bytes(0xC0, 0xAF))).isEqualTo(0);              // overlong
        assertThat(Utf8.firstInvalidOffset(bytes(0xE0, 0x80, 0xAF))).isEqualTo(0);        // overlong
        assertThat(Utf8.firstInvalidOffset(bytes(0x61, 0xED, 0xA0, 0x80))).isEqualTo(1);  // surrogate
        assertThat(Utf8.firstInvalidOffset(bytes(0xF4, 0x90, 0x80, 0x80))).isEqualTo(0);  // > U+10FFFF
        assertThat(Utf8.firstInvalidOffset(bytes(0x61, 0x62, 0xE2, 0x82))).isEqualTo(2);  // truncated
        assertThat(Utf8.firstInvalidOffset(bytes(0xFF))).isEqualTo(0);
    }

    @Test
    void eachMaximalSubpartBecomesOneReplacementCharacter() {
        // Unicode 15 §3.9, Table 3-8: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 -> a,FFFD,FFFD,FFFD,b,FFFD,c,FFFD,FFFD,d
        byte[] b = bytes(0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64);
        assertThat(Utf8.decode(b)).isEqualTo("a\uFFFD\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFDd");
    }

    @Test
    void agreesWithTheJdkCodecOnRandomBytes() throws Exception {
        XorShift64 rng = new XorShift64(77);
        for (int trial = 0; trial < 20000; trial++) {
            byte[] b = new byte[rng.nextInt(12)];
            for (int i = 0; i < b.length; i++) {
                // bias towards bytes that start or continue multi-byte sequences
                b[i] = (byte) (rng.nextInt(4) == 0 ? rng.nextInt(128) : 0x80 + rng.nextInt(128));
            }
            boolean jdkValid;
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
                jdkValid = true;
            } catch (CharacterCodingException e) {
                jdkValid = false;
            }
            assertThat(Utf8.isValid(b)).as("validity of %s", java.util.Arrays.toString(b)).isEqualTo(jdkValid);
            if (!hasEncodedSurrogate(b)) {   // the JDK replaces ED A0..BF xx as one unit, Unicode per byte
                assertThat(Utf8.decode(b)).as("decoding of %s", java.util.Arrays.toString(b))
                        .isEqualTo(new String(b, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void anEncodedSurrogateIsReplacedByteByByteAsUnicodeAndWhatwgSay() {
        assertThat(Utf8.decode(bytes(0x61, 0xED, 0xA0, 0x80, 0x62))).isEqualTo("a\uFFFD\uFFFD\uFFFDb");
    }

    private static boolean hasEncodedSurrogate(byte[] b) {
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xED && (b[i + 1] & 0xFF) >= 0xA0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }
}
