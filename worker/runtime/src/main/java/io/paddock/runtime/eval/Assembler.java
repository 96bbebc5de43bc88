package io.paddock.runtime.eval;

import io.paddock.protocol.adapter.AdapterApplier;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.runtime.model.Model;

/**
 * Assembles a candidate into a runnable {@link Model} (C7). The adapters are checked against
 * the base and applied in order by {@link AdapterApplier}: the base is never mutated and
 * every tensor no adapter touches is shared with it, so switching to another adapter set on
 * the same base costs only the touched tensors. Nothing is cached here.
 */
public final class Assembler {
    private Assembler() {
    }

    /**
     * The runnable candidate: its assembled weights, with the adapter count and C8 checksum
     * its diagnostics report.
     *
     * @throws FormatException AdapterMismatch, InvalidAdapter, NonFiniteValue, or a model
     *                         validation error
     */
    public static Model assemble(Candidate candidate) {
        return Model.of(weights(candidate), candidate.adapters().size());
    }

    /** The assembled weights; the base itself when there are no adapters. */
    public static SlmModel weights(Candidate candidate) {
        if (candidate.adapters().isEmpty()) {
            return candidate.base();
        }
        if (candidate.baseDigest() == null) {
            return AdapterApplier.apply(candidate.base(), candidate.adapters());
        }
        return AdapterApplier.apply(candidate.base(), candidate.baseDigest().bytes(), candidate.adapters());
    }
}
