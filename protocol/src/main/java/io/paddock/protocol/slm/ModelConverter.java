package io.paddock.protocol.slm;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts every tensor of a model (1-D norms included, reference §9) to one dtype, for
 * {@code paddock pack quantize}. The header and tokenizer are kept.
 */
public final class ModelConverter {
    private ModelConverter() {
    }

    /**
     * @param q4BlockSize the q4_0 block size (used only for q4_0); must divide every tensor's columns
     * @throws IllegalArgumentException naming the first tensor the block size does not fit
     */
    public static SlmModel convert(SlmModel model, DType target, int q4BlockSize) {
        List<TensorShape> shapes = ModelShapes.expected(model.header());
        if (target == DType.Q4_0) {
            for (int i = 0; i < model.tensors().size(); i++) {
                int cols = model.tensors().get(i).data().cols();
                if (q4BlockSize <= 0 || q4BlockSize % 2 != 0 || cols % q4BlockSize != 0) {
                    String name = i < shapes.size() ? shapes.get(i).name() : "tensor " + i;
                    throw new IllegalArgumentException("q4_0 block size must be even and divide the " + cols
                            + " columns of " + name + ": got " + q4BlockSize);
                }
            }
        }
        List<Tensor> out = new ArrayList<>(model.tensors().size());
        for (Tensor t : model.tensors()) {
            out.add(new Tensor(t.nameHash(), t.dims(), Quantizer.convert(t.data(), target, q4BlockSize)));
        }
        return new SlmModel(model.header(), model.tokenizer(), out);
    }
}
