package io.paddock.protocol.slm;

import java.util.ArrayList;
import java.util.List;

/** Computes the C3 layout (offsets and file size) of a package from its tensor specs alone. */
public final class SlmLayoutPlanner {
    private SlmLayoutPlanner() {
    }

    /** Layout of tensors in the given order after a tokenizer section of {@code tokenizerLength} bytes. */
    public static LayoutPlan plan(long tokenizerLength, List<TensorSpec> tensors) {
        long tokenizerOffset = SlmFormat.HEADER_LENGTH;
        long directoryOffset = SlmFormat.align(tokenizerOffset + tokenizerLength);
        long dataOffset = SlmFormat.align(directoryOffset + (long) SlmFormat.DIRECTORY_ENTRY_LENGTH * tensors.size());
        long pos = dataOffset;
        List<TensorPlacement> placements = new ArrayList<>(tensors.size());
        for (TensorSpec spec : tensors) {
            long payloadOffset = pos;
            pos = SlmFormat.align(Math.addExact(pos, spec.payloadLength()));
            long scaleOffset = 0;
            if (spec.dtype() != DType.F32) {
                scaleOffset = pos;
                pos = SlmFormat.align(Math.addExact(pos, spec.scaleLength()));
            }
            placements.add(new TensorPlacement(spec, payloadOffset, scaleOffset));
        }
        return new LayoutPlan(tokenizerOffset, tokenizerLength, directoryOffset, dataOffset, pos, placements);
    }

    /** Layout of a model whose every tensor is stored as {@code dtype} (q4_0 with {@code q4Block}). */
    public static LayoutPlan plan(ModelHeader header, long tokenizerLength, DType dtype, int q4Block) {
        List<TensorSpec> specs = new ArrayList<>();
        for (TensorShape s : ModelShapes.expected(header)) {
            specs.add(TensorSpec.of(s, dtype, q4Block));
        }
        return plan(tokenizerLength, specs);
    }

    /** Layout of a model with data. */
    public static LayoutPlan plan(SlmModel model) {
        List<TensorSpec> specs = new ArrayList<>(model.tensors().size());
        for (Tensor t : model.tensors()) {
            specs.add(TensorSpec.of(t));
        }
        return plan(model.tokenizer().sectionBytes().length, specs);
    }
}
