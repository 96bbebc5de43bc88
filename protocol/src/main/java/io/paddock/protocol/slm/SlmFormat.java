package io.paddock.protocol.slm;

/** Constants of the SLM1 container: magic, sizes, alignment and header field offsets (reference §2, §4). */
public final class SlmFormat {
    public static final byte[] MAGIC = {'S', 'L', 'M', '1'};
    public static final int VERSION = 1;
    public static final int MODEL_TYPE_TRANSFORMER = 1;
    public static final int HEADER_LENGTH = 108;
    public static final int DIRECTORY_ENTRY_LENGTH = 64;
    public static final int ALIGNMENT = 64;
    /** Specials BOS, EOS, PAD, UNK. */
    public static final int SPECIAL_TOKEN_COUNT = 4;
    /** Default q4_0 block size (C3). */
    public static final int DEFAULT_Q4_BLOCK = 32;

    public static final int OFF_MAGIC = 0;
    public static final int OFF_VERSION = 4;
    public static final int OFF_HEADER_LENGTH = 8;
    public static final int OFF_MODEL_TYPE = 12;
    public static final int OFF_FLAGS = 16;
    public static final int OFF_VOCAB_SIZE = 20;
    public static final int OFF_SPECIAL_TOKEN_COUNT = 24;
    public static final int OFF_HIDDEN_SIZE = 28;
    public static final int OFF_LAYER_COUNT = 32;
    public static final int OFF_HEAD_COUNT = 36;
    public static final int OFF_KV_HEAD_COUNT = 40;
    public static final int OFF_HEAD_DIM = 44;
    public static final int OFF_FFN_SIZE = 48;
    public static final int OFF_MAX_CONTEXT = 52;
    public static final int OFF_ROPE_THETA = 56;
    public static final int OFF_RMS_NORM_EPSILON = 60;
    public static final int OFF_TOKENIZER_OFFSET = 64;
    public static final int OFF_TOKENIZER_LENGTH = 72;
    public static final int OFF_TENSOR_DIRECTORY_OFFSET = 80;
    public static final int OFF_TENSOR_COUNT = 88;
    public static final int OFF_TENSOR_DATA_OFFSET = 92;
    public static final int OFF_CHECKSUM = 100;

    /** Directory entry field offsets (relative to the entry). */
    public static final int ENTRY_NAME_HASH = 0;
    public static final int ENTRY_DTYPE = 8;
    public static final int ENTRY_RANK = 12;
    public static final int ENTRY_DIMS = 16;
    public static final int ENTRY_BYTE_OFFSET = 32;
    public static final int ENTRY_BYTE_LENGTH = 40;
    public static final int ENTRY_SCALE_OFFSET = 48;
    public static final int ENTRY_BLOCK_SIZE = 56;
    public static final int ENTRY_RESERVED = 60;

    private SlmFormat() {
    }

    /** The smallest multiple of 64 that is ≥ {@code n} (n ≥ 0, far from overflow). */
    public static long align(long n) {
        return (n + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
