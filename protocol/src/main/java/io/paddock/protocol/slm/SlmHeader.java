package io.paddock.protocol.slm;

import io.paddock.protocol.io.LittleEndian;

/**
 * Every field of the 108-byte SLM1 header as stored (reference §2): the model fields plus
 * the layout fields a writer computes. u32 fields hold their raw bits; u64 fields are raw
 * 64-bit values (compare unsigned). Decoding checks nothing; {@link SlmReader} validates.
 */
public record SlmHeader(
        int version,
        int headerLength,
        ModelHeader model,
        long tokenizerOffset,
        long tokenizerLength,
        long tensorDirectoryOffset,
        int tensorCount,
        long tensorDataOffset,
        long checksum) {

    /** Decodes the fields of {@code b[0..108)} (the caller checked the length and the magic). */
    public static SlmHeader decode(byte[] b) {
        ModelHeader model = new ModelHeader(
                LittleEndian.getInt(b, SlmFormat.OFF_MODEL_TYPE),
                LittleEndian.getInt(b, SlmFormat.OFF_FLAGS),
                LittleEndian.getInt(b, SlmFormat.OFF_VOCAB_SIZE),
                LittleEndian.getInt(b, SlmFormat.OFF_SPECIAL_TOKEN_COUNT),
                LittleEndian.getInt(b, SlmFormat.OFF_HIDDEN_SIZE),
                LittleEndian.getInt(b, SlmFormat.OFF_LAYER_COUNT),
                LittleEndian.getInt(b, SlmFormat.OFF_HEAD_COUNT),
                LittleEndian.getInt(b, SlmFormat.OFF_KV_HEAD_COUNT),
                LittleEndian.getInt(b, SlmFormat.OFF_HEAD_DIM),
                LittleEndian.getInt(b, SlmFormat.OFF_FFN_SIZE),
                LittleEndian.getInt(b, SlmFormat.OFF_MAX_CONTEXT),
                LittleEndian.getFloat(b, SlmFormat.OFF_ROPE_THETA),
                LittleEndian.getFloat(b, SlmFormat.OFF_RMS_NORM_EPSILON));
        return new SlmHeader(
                LittleEndian.getInt(b, SlmFormat.OFF_VERSION),
                LittleEndian.getInt(b, SlmFormat.OFF_HEADER_LENGTH),
                model,
                LittleEndian.getLong(b, SlmFormat.OFF_TOKENIZER_OFFSET),
                LittleEndian.getLong(b, SlmFormat.OFF_TOKENIZER_LENGTH),
                LittleEndian.getLong(b, SlmFormat.OFF_TENSOR_DIRECTORY_OFFSET),
                LittleEndian.getInt(b, SlmFormat.OFF_TENSOR_COUNT),
                LittleEndian.getLong(b, SlmFormat.OFF_TENSOR_DATA_OFFSET),
                LittleEndian.getLong(b, SlmFormat.OFF_CHECKSUM));
    }

    /** The 108 header bytes (magic included); {@code header_length} beyond 108 is written as given, no padding. */
    public byte[] encode() {
        byte[] b = new byte[SlmFormat.HEADER_LENGTH];
        System.arraycopy(SlmFormat.MAGIC, 0, b, 0, 4);
        LittleEndian.putInt(b, SlmFormat.OFF_VERSION, version);
        LittleEndian.putInt(b, SlmFormat.OFF_HEADER_LENGTH, headerLength);
        LittleEndian.putInt(b, SlmFormat.OFF_MODEL_TYPE, model.modelType());
        LittleEndian.putInt(b, SlmFormat.OFF_FLAGS, model.flags());
        LittleEndian.putInt(b, SlmFormat.OFF_VOCAB_SIZE, model.vocabSize());
        LittleEndian.putInt(b, SlmFormat.OFF_SPECIAL_TOKEN_COUNT, model.specialTokenCount());
        LittleEndian.putInt(b, SlmFormat.OFF_HIDDEN_SIZE, model.hiddenSize());
        LittleEndian.putInt(b, SlmFormat.OFF_LAYER_COUNT, model.layerCount());
        LittleEndian.putInt(b, SlmFormat.OFF_HEAD_COUNT, model.headCount());
        LittleEndian.putInt(b, SlmFormat.OFF_KV_HEAD_COUNT, model.kvHeadCount());
        LittleEndian.putInt(b, SlmFormat.OFF_HEAD_DIM, model.headDim());
        LittleEndian.putInt(b, SlmFormat.OFF_FFN_SIZE, model.ffnSize());
        LittleEndian.putInt(b, SlmFormat.OFF_MAX_CONTEXT, model.maxContext());
        LittleEndian.putFloat(b, SlmFormat.OFF_ROPE_THETA, model.ropeTheta());
        LittleEndian.putFloat(b, SlmFormat.OFF_RMS_NORM_EPSILON, model.rmsNormEpsilon());
        LittleEndian.putLong(b, SlmFormat.OFF_TOKENIZER_OFFSET, tokenizerOffset);
        LittleEndian.putLong(b, SlmFormat.OFF_TOKENIZER_LENGTH, tokenizerLength);
        LittleEndian.putLong(b, SlmFormat.OFF_TENSOR_DIRECTORY_OFFSET, tensorDirectoryOffset);
        LittleEndian.putInt(b, SlmFormat.OFF_TENSOR_COUNT, tensorCount);
        LittleEndian.putLong(b, SlmFormat.OFF_TENSOR_DATA_OFFSET, tensorDataOffset);
        LittleEndian.putLong(b, SlmFormat.OFF_CHECKSUM, checksum);
        return b;
    }

    /** The same header with another checksum. */
    public SlmHeader withChecksum(long newChecksum) {
        return new SlmHeader(version, headerLength, model, tokenizerOffset, tokenizerLength,
                tensorDirectoryOffset, tensorCount, tensorDataOffset, newChecksum);
    }
}
