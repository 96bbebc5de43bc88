package io.paddock.protocol.slm;

/** Where the planner puts one tensor: payload and scale array, each 64-aligned (C3). */
public record TensorPlacement(TensorSpec spec, long payloadOffset, long scaleOffset) {

    public long payloadLength() {
        return spec.payloadLength();
    }

    public long scaleLength() {
        return spec.scaleLength();
    }

    /** The directory entry for this placement ({@code entryOffset} -1: not read from a file). */
    public DirectoryEntry entry() {
        return new DirectoryEntry(-1, spec.nameHash(), spec.dtype(), spec.dims().clone(), payloadOffset,
                spec.payloadLength(), scaleOffset, spec.blockSizeField());
    }
}
