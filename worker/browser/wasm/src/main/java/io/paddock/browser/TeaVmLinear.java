package io.paddock.browser;

import org.teavm.jso.typedarrays.Int8Array;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Blocks in the WebAssembly linear memory: TeaVM's direct buffers live there, and a typed-array
 * view of one tells its address. Browser only.
 */
final class TeaVmLinear implements LinearAllocator {

    @Override
    public LinearBlock allocate(int bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int address = Int8Array.fromJavaBuffer(buffer).getByteOffset();
        return new LinearBlock(buffer, address);
    }
}
