package io.paddock.trainer.examples;

import io.paddock.protocol.adapter.RandomAdapterSpec;

/** A random descendant of the parent ({@code adapters/<name><extension>}), made with {@code paddock adapter random}. */
public record MutationPlan(String name, RandomAdapterSpec spec) {

    /** The file name under {@code adapters/}. */
    public String fileName() {
        return name + spec.kind().extension();
    }

    /** The equivalent {@code paddock adapter random} command, relative to the examples directory. */
    public String command() {
        StringBuilder s = new StringBuilder("paddock adapter random --model parent.slm --kind ")
                .append(spec.kind().label());
        switch (spec.kind()) {
            case SPARSE:
                s.append(" --density ").append(spec.density());
                break;
            case LOW_RANK:
                s.append(" --rank ").append(spec.rank());
                break;
            default:
                break;
        }
        s.append(" --scale ").append(spec.scale()).append(" --tensors '").append(spec.tensors()).append('\'');
        if (spec.bindParent()) {
            s.append(" --bind-parent");
        }
        return s.append(" --seed ").append(spec.seed()).append(" -o adapters/").append(fileName()).toString();
    }
}
