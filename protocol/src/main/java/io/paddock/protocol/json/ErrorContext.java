package io.paddock.protocol.json;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;

/**
 * Prefix and error code for validation errors about a parsed value, e.g. {@code suite.jsonl:7}
 * or {@code generation.json}: errors read {@code where: rule: got bad}.
 */
public record ErrorContext(String where, ErrorCode code) {
    public ErrorContext {
        if (where == null || code == null) {
            throw new IllegalArgumentException("where and code are required");
        }
    }

    /** Errors as {@link ErrorCode#INVALID_SUITE}. */
    public static ErrorContext of(String where) {
        return new ErrorContext(where, ErrorCode.INVALID_SUITE);
    }

    public ErrorContext withCode(ErrorCode newCode) {
        return new ErrorContext(where, newCode);
    }

    /** The error to throw: {@code where: rule}, with the bad value. */
    public FormatException fail(String rule, Object badValue) {
        return new FormatException(code, where.isEmpty() ? rule : where + ": " + rule, badValue);
    }
}
