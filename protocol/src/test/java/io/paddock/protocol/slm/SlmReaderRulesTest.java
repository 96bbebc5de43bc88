package io.paddock.protocol.slm;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.hash.Fnv;
import io.paddock.protocol.io.ByteSource;
import io.paddock.protocol.io.LittleEndian;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.paddock.protocol.slm.TestModels.entry;
import static io.paddock.protocol.slm.TestModels.withInt;
import static io.paddock.protocol.slm.TestModels.withLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every reader rule, hit once, with its code, offset and rule text (order of reference §11.5). */
class SlmReaderRulesTest {
    private static final byte[] F32 = TestModels.bytes(DType.F32, TokenizerSpec.btok(), false, 1);
    private static final byte[] Q8 = TestModels.bytes(DType.Q8_0, TokenizerSpec.btok(), false, 1);
    private static final byte[] Q4 = TestModels.bytes(DType.Q4_0, TokenizerSpec.btok(), false, 1);
    private static final byte[] TIED = TestModels.bytes(DType.F32, TokenizerSpec.btok(), true, 1);
    private static final int E0 = entry(F32, 0);   // tok_embeddings.weight [260, 32]
    private static final int E1 = entry(F32, 1);   // layers.0.attn_norm.weight [32]
    private static final int E3 = entry(F32, 3);   // layers.0.wk.weight [16, 32] (GQA)

    private static FormatException expect(byte[] file, ErrorCode code, long offset, String fragment) {
        FormatException e = assertThrows(FormatException.class, () -> SlmReader.read(ByteSource.of(file)));
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.offset()).as(e.getMessage()).isEqualTo(offset);
        assertThat(e.rule()).as(e.getMessage()).contains(fragment);
        // reading the tensors in place (validated, not decoded) rejects the file identically
        FormatException inPlace = assertThrows(FormatException.class, () -> readInPlace(ByteSource.of(file)));
        assertThat(inPlace.code()).isEqualTo(e.code());
        assertThat(inPlace.offset()).isEqualTo(e.offset());
        assertThat(inPlace.getMessage()).isEqualTo(e.getMessage());
        return e;
    }

    private static void readInPlace(ByteSource source) {
        SlmInfo info = SlmReader.readLayout(source, ChecksumPolicy.STRICT);
        for (TensorEntry t : info.tensors()) {
            SlmReader.readTensorInPlace(source, info, t);
        }
    }

    private static long u64(byte[] b, int off) {
        return LittleEndian.getLong(b, off);
    }

    // ---- stage 1: header and checksum ----

    @Test
    void magic() {
        expect(new byte[0], ErrorCode.INVALID_MODEL_MAGIC, 0, "SLM1");
        expect(Arrays.copyOf(F32, 3), ErrorCode.INVALID_MODEL_MAGIC, 0, "SLM1");
        byte[] b = F32.clone();
        b[3] = '2';
        FormatException e = expect(TestModels.fixChecksum(b), ErrorCode.INVALID_MODEL_MAGIC, 0, "SLM1");
        assertThat(e.badValue()).isEqualTo("0x534c4d32");
        assertThat(e.getMessage()).startsWith("InvalidModelMagic (4): ");
    }

    @Test
    void versionAndLength() {
        expect(Arrays.copyOf(F32, 6), ErrorCode.INVALID_HEADER, 0, "108-byte header");
        expect(withInt(F32, 4, 2), ErrorCode.UNSUPPORTED_MODEL_VERSION, 4, "version must be 1");
        expect(Arrays.copyOf(F32, 107), ErrorCode.INVALID_HEADER, 0, "108-byte header");
        expect(withInt(F32, 8, 107), ErrorCode.INVALID_HEADER, 8, "header_length");
        expect(withInt(F32, 8, F32.length + 1), ErrorCode.INVALID_HEADER, 8, "header_length");
    }

    @Test
    void checksumStrictAndLenient() {
        byte[] flipped = F32.clone();
        flipped[F32.length - 1] ^= 1;
        FormatException e = expect(flipped, ErrorCode.INVALID_HEADER, 100, "C1 checksum");
        assertThat(e.code().code()).isEqualTo(6);
        byte[] zero = F32.clone();
        LittleEndian.putLong(zero, 100, 0);
        expect(zero, ErrorCode.INVALID_HEADER, 100, "nonzero");

        SlmInfo lenient = SlmReader.inspect(ByteSource.of(withLong(F32, 100, 0).clone()), ChecksumPolicy.STRICT);
        assertThat(lenient.checksumMatches()).isTrue();   // withLong re-fixes the checksum

        byte[] stale = F32.clone();
        LittleEndian.putLong(stale, 100, 12345);
        SlmInfo info = SlmReader.inspect(ByteSource.of(stale), ChecksumPolicy.LENIENT);
        assertThat(info.checksumMatches()).isFalse();
        assertThat(info.storedChecksum()).isEqualTo(12345);
        assertThat(info.computedChecksum()).isEqualTo(u64(F32, 100));
        assertThat(info.warnings()).singleElement().asString().contains("checksum");
        assertThat(SlmReader.read(ByteSource.of(zero), ChecksumPolicy.LENIENT).tensors()).hasSize(21);
    }

    @Test
    void modelHeaderRulesRunInTheReader() {
        expect(withInt(F32, 12, 2), ErrorCode.INVALID_HEADER, 12, "model_type");
        expect(withInt(F32, 40, 3), ErrorCode.SHAPE_MISMATCH, 40, "divide");
        expect(withInt(F32, 56, Float.floatToIntBits(Float.NaN)), ErrorCode.INVALID_HEADER, 56, "rope_theta");
    }

    @Test
    void layoutFields() {
        expect(withLong(F32, 64, 100), ErrorCode.INVALID_HEADER, 64, "tokenizer_offset");
        expect(withLong(F32, 72, F32.length), ErrorCode.INVALID_HEADER, 72, "inside the file");
        expect(withLong(F32, 72, -1L), ErrorCode.INVALID_HEADER, 72, "inside the file");
        expect(withLong(F32, 64, Long.MIN_VALUE), ErrorCode.INVALID_HEADER, 72, "inside the file");
        expect(withLong(F32, 80, 193), ErrorCode.INVALID_HEADER, 80, "multiple of 64");
        expect(withLong(F32, 80, 128), ErrorCode.INVALID_HEADER, 80, "end of the tokenizer");
        expect(withInt(F32, 88, -1), ErrorCode.INVALID_HEADER, 88, "tensor_count");
        expect(withLong(F32, 92, u64(F32, 92) + 8), ErrorCode.INVALID_HEADER, 92, "multiple of 64");
        expect(withLong(F32, 92, 192), ErrorCode.INVALID_HEADER, 92, "end of the directory");
        expect(withLong(F32, 92, F32.length + 64L), ErrorCode.INVALID_HEADER, 92, "end of the file");
    }

    // ---- stage 2: directory ----

    @Test
    void directoryEntryStructure() {
        FormatException e = expect(withInt(F32, E0 + 8, 4), ErrorCode.UNSUPPORTED_DTYPE, E0 + 8, "dtype");
        assertThat(e.code().code()).isEqualTo(10);
        expect(withInt(F32, E0 + 12, 0), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 12, "rank");
        expect(withInt(F32, E0 + 12, 5), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 12, "rank");
        expect(withInt(F32, E0 + 16, 0), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 16, "dim0");
        expect(withInt(F32, E0 + 20, 0x80000000), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 20, "dim1");
        expect(withInt(F32, E0 + 24, 1), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 24, "beyond rank");
        expect(withInt(F32, E0 + 60, 1), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 60, "reserved");
    }

    @Test
    void directoryRanges() {
        long off = u64(F32, E0 + 32);
        expect(withLong(F32, E0 + 32, off + 4), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 32, "multiple of 64");
        expect(withLong(F32, E0 + 32, 0), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 32, "tensor_data_offset");
        expect(withLong(F32, E0 + 40, F32.length), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 40, "inside the file");
        expect(withLong(F32, E0 + 32, 0xFFFFFFFFFFFFFFC0L), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 40, "inside the file");
        expect(withLong(F32, E0 + 48, off), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 48, "scale_offset 0");
        expect(withInt(F32, E0 + 56, 32), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 56, "block_size 0");
        expect(withLong(Q8, E0 + 48, 0), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 48, "scale_offset");
        expect(withLong(Q8, E0 + 48, Q8.length), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 48, "scale_offset");
    }

    // ---- stage 3: tokenizer (before names and shapes) ----

    @Test
    void tokenizerIsCheckedBeforeNamesAndShapes() {
        byte[] b = withInt(F32, 20, 261);   // header vocab 261 also breaks the embedding shape
        FormatException e = expect(b, ErrorCode.INVALID_TOKENIZER, 108 + 8, "vocab_size");
        assertThat(e.code().code()).isEqualTo(15);
        expect(withInt(F32, 108 + 4, 9), ErrorCode.INVALID_TOKENIZER, 112, "version");
    }

    // ---- stage 4: required names ----

    @Test
    void requiredNames() {
        expect(withLong(F32, E1, u64(F32, E0)), ErrorCode.INVALID_TENSOR_DIRECTORY, E1, "unique");
        FormatException missing = expect(withLong(F32, E1, 12345), ErrorCode.MISSING_TENSOR,
                TestModels.directoryOffset(F32), "layers.0.attn_norm.weight");
        assertThat(missing.code().code()).isEqualTo(8);
        expect(withInt(F32, 88, 20), ErrorCode.MISSING_TENSOR, TestModels.directoryOffset(F32), "output.weight");
        expect(withInt(F32, 32, 1_000_000), ErrorCode.MISSING_TENSOR, TestModels.directoryOffset(F32),
                "layers.2.attn_norm.weight");
        expect(withInt(TIED, 16, 0), ErrorCode.MISSING_TENSOR, TestModels.directoryOffset(TIED), "output.weight");
        int out = entry(F32, 20);
        assertThat(u64(F32, out)).isEqualTo(Fnv.nameHash("output.weight"));
        expect(withInt(F32, 16, 1), ErrorCode.INVALID_TENSOR_DIRECTORY, out, "tied");
        expect(withLong(withInt(F32, 16, 1), out, 777), ErrorCode.INVALID_TENSOR_DIRECTORY, out, "tensor of this model");
    }

    // ---- stage 5: shapes ----

    @Test
    void exactShapes() {
        FormatException e = expect(withInt(F32, E0 + 20, 16), ErrorCode.SHAPE_MISMATCH, E0 + 20, "tok_embeddings.weight dim1");
        assertThat(e.code().code()).isEqualTo(9);
        byte[] rank2 = withInt(withInt(F32, E1 + 12, 2), E1 + 20, 1);
        expect(rank2, ErrorCode.SHAPE_MISMATCH, E1 + 12, "rank 1");
        // GQA: with 4 KV heads wk must be 32 × 32, but the file has 16 × 32
        expect(withInt(F32, 40, 4), ErrorCode.SHAPE_MISMATCH, E3 + 16, "layers.0.wk.weight dim0");
    }

    // ---- stage 6: decoding ----

    @Test
    void f32Payload() {
        expect(withLong(F32, E0 + 40, u64(F32, E0 + 40) - 4), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 40, "byte_length");
        long at = u64(F32, E1 + 32) + 8;
        FormatException e = expect(withInt(F32, (int) at, Float.floatToIntBits(Float.NaN)), ErrorCode.NON_FINITE_VALUE,
                at, "finite");
        assertThat(e.badValue()).isEqualTo("NaN");
        expect(withInt(F32, (int) at, Float.floatToIntBits(Float.NEGATIVE_INFINITY)), ErrorCode.NON_FINITE_VALUE, at, "finite");
    }

    @Test
    void q8Payload() {
        expect(withInt(Q8, E0 + 56, 16), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 56, "q8_0 block_size");
        expect(withLong(Q8, E0 + 40, 260 * 32 + 64), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 40, "byte_length");
        expect(withLong(Q8, E0 + 48, Q8.length - 64), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 48, "scales");
        long scale = u64(Q8, E0 + 48) + 4 * 7;
        expect(withInt(Q8, (int) scale, 0), ErrorCode.NON_FINITE_VALUE, scale, "q8_0 row scale must be finite and > 0");
        expect(withInt(Q8, (int) scale, Float.floatToIntBits(-0.5f)), ErrorCode.NON_FINITE_VALUE, scale, "> 0");
        expect(withInt(Q8, (int) scale, Float.floatToIntBits(Float.NaN)), ErrorCode.NON_FINITE_VALUE, scale, "finite");
    }

    @Test
    void q4Payload() {
        expect(withInt(Q4, E0 + 56, 15), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 56, "q4_0 block_size");
        expect(withInt(Q4, E0 + 56, 12), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 56, "divide");
        expect(withInt(Q4, E0 + 56, 0), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 56, "q4_0 block_size");
        expect(withLong(Q4, E0 + 40, 260 * 32), ErrorCode.INVALID_TENSOR_DIRECTORY, E0 + 40, "byte_length");
        long scale = u64(Q4, E0 + 48);
        expect(withInt(Q4, (int) scale, Float.floatToIntBits(Float.POSITIVE_INFINITY)), ErrorCode.NON_FINITE_VALUE,
                scale, "q4_0 block scale");
        // a smaller (valid) block size needs more scales than the file holds
        expect(withInt(Q4, entry(Q4, 20) + 56, 2), ErrorCode.INVALID_TENSOR_DIRECTORY, entry(Q4, 20) + 48, "scales");
    }

    @Test
    void oversizedTensorIsRejectedBeforeAllocation() {
        DirectoryEntry huge = new DirectoryEntry(192, 1, DType.F32, new int[] {65536, 65536}, 2688, 1L << 34, 0, 0);

        FormatException e = assertThrows(FormatException.class,
                () -> TensorDecoder.decode(ByteSource.of(F32), huge, 2688));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_LENGTH);
        assertThat(e.offset()).isEqualTo(192 + 16);
        assertThat(e.rule()).contains("one Java array");
        FormatException inPlace = assertThrows(FormatException.class,
                () -> TensorDecoder.inPlace(ByteSource.of(F32), huge, 2688));
        assertThat(inPlace.getMessage()).isEqualTo(e.getMessage());
    }
}
