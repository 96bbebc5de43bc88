package io.paddock.protocol.slm;

import io.paddock.protocol.hash.FileChecksum;
import io.paddock.protocol.io.LittleEndian;

import static org.assertj.core.api.Assertions.assertThat;

/** Small seeded models and byte-level mutation helpers for the SLM tests. */
final class TestModels {
    private TestModels() {
    }

    /** 2 layers, hidden 32, 4 heads (head_dim 8), 2 KV heads (GQA), FFN 64, context 16. */
    static RandomModelSpec spec(DType dtype, TokenizerSpec tokenizer, boolean tied, long seed) {
        return RandomModelSpec.of(2, 32, 4, 2, 64, 16, tokenizer, dtype, tied, seed);
    }

    static SlmModel model(DType dtype, TokenizerSpec tokenizer, boolean tied, long seed) {
        return RandomModels.generate(spec(dtype, tokenizer, tied, seed));
    }

    static byte[] bytes(DType dtype, TokenizerSpec tokenizer, boolean tied, long seed) {
        return SlmWriter.toBytes(model(dtype, tokenizer, tied, seed));
    }

    /** A one-layer model small enough for property tests. */
    static byte[] tiny(DType dtype, TokenizerSpec tokenizer, boolean tied, long seed) {
        return SlmWriter.toBytes(RandomModels.generate(new RandomModelSpec(1, 16, 2, 1, 32, 8, tokenizer, dtype, 16, tied,
                seed, RandomModelSpec.DEFAULT_ROPE_THETA, RandomModelSpec.DEFAULT_RMS_NORM_EPSILON)));
    }

    /** Recomputes and stores the C1 checksum. */
    static byte[] fixChecksum(byte[] b) {
        LittleEndian.putLong(b, SlmFormat.OFF_CHECKSUM, FileChecksum.of(b, SlmFormat.OFF_CHECKSUM));
        return b;
    }

    static byte[] withInt(byte[] original, long offset, int value) {
        byte[] b = original.clone();
        LittleEndian.putInt(b, (int) offset, value);
        return fixChecksum(b);
    }

    static byte[] withLong(byte[] original, long offset, long value) {
        byte[] b = original.clone();
        LittleEndian.putLong(b, (int) offset, value);
        return fixChecksum(b);
    }

    static int directoryOffset(byte[] b) {
        return (int) LittleEndian.getLong(b, SlmFormat.OFF_TENSOR_DIRECTORY_OFFSET);
    }

    /** Absolute offset of directory entry {@code i}. */
    static int entry(byte[] b, int i) {
        return directoryOffset(b) + SlmFormat.DIRECTORY_ENTRY_LENGTH * i;
    }

    static void assertSameData(TensorData a, TensorData b) {
        assertThat(b.dtype()).isEqualTo(a.dtype());
        assertThat(b.rows()).isEqualTo(a.rows());
        assertThat(b.cols()).isEqualTo(a.cols());
        if (a instanceof TensorData.F32) {
            assertThat(((TensorData.F32) b).values()).containsExactly(((TensorData.F32) a).values());
        } else if (a instanceof TensorData.Q8) {
            assertThat(((TensorData.Q8) b).quants()).containsExactly(((TensorData.Q8) a).quants());
            assertThat(((TensorData.Q8) b).rowScales()).containsExactly(((TensorData.Q8) a).rowScales());
        } else {
            TensorData.Q4 qa = (TensorData.Q4) a;
            TensorData.Q4 qb = (TensorData.Q4) b;
            assertThat(qb.blockSize()).isEqualTo(qa.blockSize());
            assertThat(qb.packed()).containsExactly(qa.packed());
            assertThat(qb.blockScales()).containsExactly(qa.blockScales());
        }
    }
}
