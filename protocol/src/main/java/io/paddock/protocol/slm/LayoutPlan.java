package io.paddock.protocol.slm;

import java.util.List;

/**
 * The C3 byte layout of a package, computed without its data: tokenizer at 108, directory and
 * data 64-aligned, every payload and scale array 64-aligned, file size a multiple of 64.
 */
public record LayoutPlan(long tokenizerOffset, long tokenizerLength, long directoryOffset, long dataOffset,
                         long fileSize, List<TensorPlacement> tensors) {

    public LayoutPlan {
        tensors = List.copyOf(tensors);
    }
}
