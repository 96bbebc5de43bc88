package io.paddock.protocol.slm;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;

/** Tensor storage types of SLM1 (reference §5). */
public enum DType {
    F32(1, "f32"),
    Q8_0(2, "q8_0"),
    Q4_0(3, "q4_0");

    private final int code;
    private final String label;

    DType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    /** The label used in diagnostics and on the command line: f32, q8_0, q4_0. */
    public String label() {
        return label;
    }

    public static DType fromCode(int code, long offset) {
        for (DType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new FormatException(ErrorCode.UNSUPPORTED_DTYPE, "dtype must be 1 (f32), 2 (q8_0) or 3 (q4_0)",
                offset, Integer.toUnsignedString(code));
    }

    public static DType fromLabel(String label) {
        for (DType t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + label + "' (expected f32, q8_0 or q4_0)");
    }
}
