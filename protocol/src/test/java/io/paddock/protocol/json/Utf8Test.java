package io.paddock.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void decodesAllSequenceLengths() {
        String text = "a\u00e9\u0800\u20ac\uffff😀\udbff\udfff\n";
        assertThat(Utf8.decode(text.getBytes(StandardCharsets.UTF_8), "x", ErrorCode.INVALID_SUITE)).isEqualTo(text);
        assertThat(Utf8.decode(new byte[0], "x", ErrorCode.INVALID_SUITE)).isEmpty();
    }

    @Test
    void rejectsMalformedSequencesWithLineAndOffset() {
        rejects(bytes('a', '\n', 'b', 0xC0, 0x80), "x:2: invalid UTF-8 (overlong encoding)", 3, "0xc0 0x80");
        rejects(bytes(0xE0, 0x80, 0x80), "x:1: invalid UTF-8 (overlong encoding)", 0, "0xe0 0x80 0x80");
        rejects(bytes(0xF0, 0x8F, 0xBF, 0xBF), "x:1: invalid UTF-8 (overlong encoding)", 0, "0xf0 0x8f 0xbf 0xbf");
        rejects(bytes(0xED, 0xA0, 0x80), "x:1: invalid UTF-8 (encoded surrogate)", 0, "0xed 0xa0 0x80");
        rejects(bytes(0xF4, 0x90, 0x80, 0x80), "x:1: invalid UTF-8 (code point above U+10FFFF)", 0, "0xf4 0x90 0x80 0x80");
        rejects(bytes('a', 0x80), "x:1: invalid UTF-8 (continuation byte without a lead byte)", 1, "0x80");
        rejects(bytes(0xF5, 0x80), "x:1: invalid UTF-8 (byte 0xF5..0xFF never appears in UTF-8)", 0, "0xf5");
        rejects(bytes(0xFF), "x:1: invalid UTF-8 (byte 0xF5..0xFF never appears in UTF-8)", 0, "0xff");
        rejects(bytes('\n', '\n', 0xE2, 0x82), "x:3: invalid UTF-8 (sequence truncated by the end of input)", 2, "0xe2 0x82");
        rejects(bytes(0xE2, 0x41, 0x41), "x:1: invalid UTF-8 (expected a continuation byte)", 0, "0xe2 0x41 0x41");
        rejects(bytes(0xE2, 0x82, 0x41), "x:1: invalid UTF-8 (expected a continuation byte)", 0, "0xe2 0x82 0x41");
    }

    @Test
    void encodeAndLength() {
        String s = "a\u00e9€😀";
        assertThat(Utf8.encode(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
        assertThat(Utf8.encodedLength(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        assertThat(Utf8.encodedLength("\ud800")).isEqualTo(3);
        assertThatThrownBy(() -> Utf8.encode("a\udc00")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void rejects(byte[] data, String rule, long offset, String bad) {
        assertThatThrownBy(() -> Utf8.decode(data, "x", ErrorCode.INVALID_SUITE))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.rule()).isEqualTo(rule);
                    assertThat(e.offset()).isEqualTo(offset);
                    assertThat(e.badValue()).isEqualTo(bad);
                });
    }
}
