package io.paddock.browser;

import java.nio.ByteBuffer;

/**
 * A block of bytes in the WebAssembly linear memory: a direct little-endian buffer and its byte
 * address, which the SIMD kernels take. The buffer keeps the block alive: TeaVM frees the
 * memory once the buffer is garbage, so whoever uses the address must hold the block.
 *
 * @param buffer  the block as a direct buffer (little-endian, position 0, limit = size)
 * @param address its first byte's address in linear memory
 */
public record LinearBlock(ByteBuffer buffer, int address) {

    /** Size in bytes. */
    public int size() {
        return buffer.capacity();
    }
}
