package io.paddock.browser;

import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.model.Model;

/**
 * Kernels that read weights from linear memory: told which packages are loaded (their tensors
 * are read in place) and which model is about to run (tensors an adapter rewrote are copied in
 * once, copies no longer needed are dropped).
 */
public interface LinearKernels extends Kernels {

    /** The tensors of {@code model} can be read in place from its package block. */
    void loaded(LoadedModel model);

    /** The package is gone: forget its placements. */
    void released(LoadedModel model);

    /** Places every matrix of {@code model} (copying assembled tensors in) and drops older copies. */
    void prepare(Model model);
}
