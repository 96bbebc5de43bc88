package io.paddock.protocol.slm;

/** A directory entry resolved to its canonical tensor name. */
public record TensorEntry(String name, DirectoryEntry entry) {

    public DType dtype() {
        return entry.dtype();
    }

    public int[] dims() {
        return entry.dims().clone();
    }

    public long elementCount() {
        return entry.elementCount();
    }

    /** Payload plus scale bytes. */
    public long storedBytes() {
        return entry.byteLength() + scaleBytes();
    }

    /** Bytes of the scale array: 0 (f32), 4 per row (q8_0), 4 per block (q4_0). */
    public long scaleBytes() {
        switch (entry.dtype()) {
            case F32:
                return 0;
            case Q8_0:
                return 4 * entry.rows();
            default:
                return entry.blockSize() > 0 ? 4 * (entry.elementCount() / entry.blockSize()) : 0;
        }
    }
}
