package io.paddock.protocol.error;

/**
 * Error codes. 0–14 are the TinyRustLM runtime's published codes (reference §11.3);
 * 15 and up are Paddock's own, for what the public record leaves without a code.
 */
public enum ErrorCode {
    OK(0),
    NULL_POINTER(1),
    INVALID_LENGTH(2),
    INVALID_UTF8(3),
    INVALID_MODEL_MAGIC(4),
    UNSUPPORTED_MODEL_VERSION(5),
    INVALID_HEADER(6),
    INVALID_TENSOR_DIRECTORY(7),
    MISSING_TENSOR(8),
    SHAPE_MISMATCH(9),
    UNSUPPORTED_DTYPE(10),
    CONTEXT_EXCEEDED(11),
    MODEL_NOT_LOADED(12),
    GENERATION_FAILED(13),
    OUTPUT_BUFFER_EXCEEDED(14),
    /** Tokenizer section malformed (BTOK/BPE1). */
    INVALID_TOKENIZER(15),
    /** Adapter package malformed (ADP1/ASP1/ALR1 layout, values, checksum). */
    INVALID_ADAPTER(16),
    /** Adapter well formed but does not bind to the model it is applied to. */
    ADAPTER_MISMATCH(17),
    /** Sampling settings out of range (temperature, top_k, top_p). */
    INVALID_SAMPLING(18),
    /** Eval suite or generation file malformed. */
    INVALID_SUITE(19),
    /** Non-finite value in weights, scales or deltas. */
    NON_FINITE_VALUE(20),
    /** Worker-protocol message malformed (wire JSON, unknown type, out-of-range field). */
    INVALID_MESSAGE(21);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The published name, e.g. {@code InvalidHeader}. */
    public String publishedName() {
        StringBuilder sb = new StringBuilder();
        for (String part : name().split("_")) {
            sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return sb.toString();
    }
}
