package io.paddock.protocol.tokenizer;

/**
 * A model's tokenizer (reference §6): byte ids 0–255, then BOS 256, EOS 257, PAD 258,
 * UNK 259, then (BPE1 only) merged tokens from 260.
 */
public sealed interface Tokenizer permits ByteTokenizer, BpeTokenizer {
    int BOS = 256;
    int EOS = 257;
    int PAD = 258;
    int UNK = 259;
    int FIRST_MERGED = 260;

    int vocabSize();

    /** Encodes UTF-8 bytes as BOS, tokens…, EOS (the reference's encoding; C11 strips the EOS). */
    int[] encode(byte[] utf8);

    /** Token ids to bytes: BOS/EOS/PAD dropped, UNK becomes '?'. The bytes may not be valid UTF-8. */
    byte[] decode(int[] ids);

    /** The section's exact bytes, as stored in the .slm file (for writing and for the C6 checksum). */
    byte[] sectionBytes();
}
