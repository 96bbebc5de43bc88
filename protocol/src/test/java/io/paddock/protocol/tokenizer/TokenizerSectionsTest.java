package io.paddock.protocol.tokenizer;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.io.LittleEndian;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenizerSectionsTest {
    private static final long AT = 108;   // where a section sits in a package

    /** The C5 fixture: t+h → 260 (rank 0), 260+e → 261 (rank 1), vocabulary 262. */
    static BpeTokenizer fixture() {
        return new BpeTokenizer(262, List.of(bytes("th"), bytes("the")),
                List.of(new BpeTokenizer.Merge('t', 'h', 260, 0), new BpeTokenizer.Merge(260, 'e', 261, 1)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- fixtures and round trips ----

    @Test
    void bpeFixtureEncodesTheAsInC5() {
        BpeTokenizer bpe = (BpeTokenizer) TokenizerSections.parse(fixture().sectionBytes(), AT, 262);

        assertThat(bpe.encode(bytes("the"))).containsExactly(256, 261, 257);
        assertThat(bpe.decode(new int[] {256, 261, 257})).isEqualTo(bytes("the"));
        assertThat(bpe.encode(bytes("thethe t"))).containsExactly(256, 261, 261, ' ', 't', 257);
    }

    @Test
    void bpeSectionLayoutIsC5() {
        byte[] s = fixture().sectionBytes();

        assertThat(s).hasSize(36 + (8 + 2) + (8 + 3) + 2 * 16);
        assertThat(Arrays.copyOf(s, 4)).isEqualTo(bytes("BPE1"));
        assertThat(LittleEndian.getInt(s, 28)).isEqualTo(2);  // token_count
        assertThat(LittleEndian.getInt(s, 32)).isEqualTo(2);  // merge_count
        assertThat(LittleEndian.getInt(s, 36)).isEqualTo(260);
        assertThat(LittleEndian.getInt(s, 40)).isEqualTo(2);
    }

    @Test
    void bpeRoundTripsThroughItsSection() {
        byte[] section = fixture().sectionBytes();

        Tokenizer parsed = TokenizerSections.parse(section);

        assertThat(parsed.sectionBytes()).containsExactly(section);
        assertThat(parsed.vocabSize()).isEqualTo(262);
    }

    @Test
    void btokRoundTripsAndEncodesBytes() {
        byte[] section = new ByteTokenizer().sectionBytes();

        Tokenizer t = TokenizerSections.parse(section, AT, 260);

        assertThat(t).isInstanceOf(ByteTokenizer.class);
        assertThat(t.sectionBytes()).containsExactly(section).hasSize(28);
        assertThat(t.encode(bytes("hé"))).containsExactly(256, 'h', 0xC3, 0xA9, 257);
        assertThat(t.decode(new int[] {256, 'o', 259, 'k', 258, 257})).isEqualTo(bytes("o?k"));
    }

    // ---- BTOK rules ----

    @Test
    void btokRules() {
        byte[] ok = new ByteTokenizer().sectionBytes();
        expect(() -> TokenizerSections.parse(Arrays.copyOf(ok, 27), AT, 260), AT, "truncated");
        expect(() -> TokenizerSections.parse(Arrays.copyOf(ok, 29), AT, 260), AT + 28, "trailing");
        expect(() -> TokenizerSections.parse(Arrays.copyOf(ok, 3), AT, 260), AT, "truncated");
        expect(() -> TokenizerSections.parse(with(ok, 0, 0x4B4F5458), AT, 260), AT, "magic");
        expect(() -> TokenizerSections.parse(with(ok, 4, 2), AT, 260), AT + 4, "version");
        expect(() -> TokenizerSections.parse(with(ok, 8, 261), AT, 261), AT + 8, "BTOK vocab_size must be 260");
        expect(() -> TokenizerSections.parse(ok, AT, 262), AT + 8, "SLM header");
        expect(() -> TokenizerSections.parse(with(ok, 12, 257), AT, 260), AT + 12, "bos");
        expect(() -> TokenizerSections.parse(with(ok, 16, 256), AT, 260), AT + 16, "eos");
        expect(() -> TokenizerSections.parse(with(ok, 20, 0), AT, 260), AT + 20, "pad");
        expect(() -> TokenizerSections.parse(with(ok, 24, -1), AT, 260), AT + 24, "unk");
    }

    // ---- BPE1 rules ----

    @Test
    void bpeHeaderRules() {
        byte[] ok = fixture().sectionBytes();
        expect(() -> TokenizerSections.parse(Arrays.copyOf(ok, 35), AT, 262), AT, "truncated");
        expect(() -> TokenizerSections.parse(with(ok, 4, 0), AT, 262), AT + 4, "version");
        expect(() -> TokenizerSections.parse(with(ok, 8, 259), AT, 259), AT + 8, "at least 260");
        expect(() -> TokenizerSections.parse(with(ok, 8, -1), AT, -1), AT + 8, "at least 260");
        expect(() -> TokenizerSections.parse(ok, AT, 263), AT + 8, "SLM header");
        expect(() -> TokenizerSections.parse(with(ok, 24, 260), AT, 262), AT + 24, "unk");
        expect(() -> TokenizerSections.parse(with(ok, 28, 3), AT, 262), AT + 28, "token_count");
    }

    @Test
    void bpeTokenRecordRules() {
        expect(() -> TokenizerSections.parse(section(262, tokens(260, "th", 260, "the"), merges()), AT, 262),
                AT + 46, "duplicate token id");
        expect(() -> TokenizerSections.parse(section(262, tokens(259, "th", 261, "the"), merges()), AT, 262),
                AT + 36, "out of range");
        expect(() -> TokenizerSections.parse(section(262, tokens(260, "th", 262, "the"), merges()), AT, 262),
                AT + 46, "out of range");
        expect(() -> TokenizerSections.parse(section(263, tokens(260, "th", 262, "the", 261, "x"), merges()), AT, 263),
                AT + 46, "without gaps");
        expect(() -> TokenizerSections.parse(section(262, tokens(260, "th", 261, ""), merges()), AT, 262),
                AT + 50, "must not be empty");
        byte[] ok = fixture().sectionBytes();
        expect(() -> TokenizerSections.parse(with(ok, 40, 1000), AT, 262), AT + 40, "byte_length");
        expect(() -> TokenizerSections.parse(Arrays.copyOf(ok, 50), AT, 262), AT + 50, "truncated");
    }

    @Test
    void bpeMergeRules() {
        List<byte[]> toks = tokens(260, "th", 261, "the");
        expect(() -> TokenizerSections.parse(section(262, toks, merges(262, 'h', 260, 0)), AT, 262),
                AT + 57, "left id out of range");
        expect(() -> TokenizerSections.parse(section(262, toks, merges('t', -1, 260, 0)), AT, 262),
                AT + 61, "right id out of range");
        expect(() -> TokenizerSections.parse(section(262, toks, merges('t', 'h', 259, 0)), AT, 262),
                AT + 65, "token record");
        expect(() -> TokenizerSections.parse(section(262, toks, merges('t', 'h', 262, 0)), AT, 262),
                AT + 65, "token record");
        expect(() -> TokenizerSections.parse(section(262, toks, merges('t', 'h', 260, 5, 260, 'e', 261, 5)), AT, 262),
                AT + 57 + 16 + 12, "ranks must be unique");
        expect(() -> TokenizerSections.parse(section(262, toks, merges('t', 'h', 260, 0, 't', 'h', 261, 1)), AT, 262),
                AT + 57 + 16, "pair");
        byte[] ok = fixture().sectionBytes();
        expect(() -> TokenizerSections.parse(with(ok, 32, 3), AT, 262), AT + 32, "merge_count");
        expect(() -> TokenizerSections.parse(with(ok, 32, -1), AT, 262), AT + 32, "merge_count");
        expect(() -> TokenizerSections.parse(Arrays.copyOf(ok, ok.length + 1), AT, 262), AT + ok.length, "trailing");
        expect(() -> TokenizerSections.parse(Arrays.copyOf(ok, ok.length - 1), AT, 262), AT + 32, "merge_count");
    }

    @Test
    void bpeWithoutMergesIsValid() {
        Tokenizer t = TokenizerSections.parse(section(260, tokens(), merges()), AT, 260);

        assertThat(t.encode(bytes("ab"))).containsExactly(256, 'a', 'b', 257);
    }

    // ---- helpers ----

    private static void expect(Executable parse, long offset, String ruleFragment) {
        FormatException e = assertThrows(FormatException.class, parse);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKENIZER);
        assertThat(e.code().code()).isEqualTo(15);
        assertThat(e.rule()).containsIgnoringCase(ruleFragment);
        assertThat(e.offset()).as(e.getMessage()).isEqualTo(offset);
    }

    private static byte[] with(byte[] original, int offset, int value) {
        byte[] b = original.clone();
        LittleEndian.putInt(b, offset, value);
        return b;
    }

    /** Token records (id, text) pairs. */
    private static List<byte[]> tokens(Object... idText) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < idText.length; i += 2) {
            byte[] text = bytes((String) idText[i + 1]);
            out.writeBytes(u32((Integer) idText[i]));
            out.writeBytes(u32(text.length));
            out.writeBytes(text);
        }
        return List.of(out.toByteArray(), new byte[] {(byte) (idText.length / 2)});
    }

    private static byte[] merges(int... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int v : values) {
            out.writeBytes(u32(v));
        }
        return out.toByteArray();
    }

    private static byte[] section(int vocab, List<byte[]> tokens, byte[] merges) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("BPE1"));
        for (int v : new int[] {1, vocab, 256, 257, 258, 259, tokens.get(1)[0], merges.length / 16}) {
            out.writeBytes(u32(v));
        }
        out.writeBytes(tokens.get(0));
        out.writeBytes(merges);
        return out.toByteArray();
    }

    private static byte[] u32(int v) {
        byte[] b = new byte[4];
        LittleEndian.putInt(b, 0, v);
        return b;
    }
}
