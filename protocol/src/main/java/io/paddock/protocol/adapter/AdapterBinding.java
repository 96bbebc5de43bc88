package io.paddock.protocol.adapter;

import io.paddock.protocol.slm.CompatibilityChecksums;
import io.paddock.protocol.slm.SlmModel;

/**
 * What an adapter binds to (C7 header fields): the model's flags, tensor count, parameter
 * count, tensor-layout and tokenizer checksums (C6), and optionally the parent's SHA-256
 * (32 zero bytes = unbound).
 */
public record AdapterBinding(
        int modelFlags,
        int tensorCount,
        long parameterCount,
        long tensorLayoutChecksum,
        long tokenizerChecksum,
        byte[] parentSha256) {

    /** Length of the parent digest field. */
    public static final int PARENT_SHA256_LENGTH = 32;

    /**
     * The binding of {@code model} (C6): its header flags, tensor count, parameter count,
     * tensor-layout checksum and tokenizer checksum; bound to {@code parentSha256OrNull}
     * (copied; 32 bytes) or unbound (32 zero bytes) when null.
     */
    public static AdapterBinding of(SlmModel model, byte[] parentSha256OrNull) {
        byte[] parent = new byte[PARENT_SHA256_LENGTH];
        if (parentSha256OrNull != null) {
            if (parentSha256OrNull.length != PARENT_SHA256_LENGTH) {
                throw new IllegalArgumentException("parent SHA-256 must be 32 bytes, got " + parentSha256OrNull.length);
            }
            System.arraycopy(parentSha256OrNull, 0, parent, 0, PARENT_SHA256_LENGTH);
        }
        return new AdapterBinding(
                model.header().flags(),
                model.tensors().size(),
                model.parameterCount(),
                CompatibilityChecksums.tensorLayoutChecksum(model.tensors()),
                CompatibilityChecksums.tokenizerChecksum(model.tokenizer().sectionBytes()),
                parent);
    }

    /** True when the parent digest is present and not all zero (the adapter is bound to one parent file). */
    public boolean hasParent() {
        if (parentSha256 == null) {
            return false;
        }
        for (byte b : parentSha256) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }
}
