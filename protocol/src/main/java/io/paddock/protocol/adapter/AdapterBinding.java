package io.paddock.protocol.adapter;

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
}
