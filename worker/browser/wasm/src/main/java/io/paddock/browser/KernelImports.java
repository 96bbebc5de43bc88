package io.paddock.browser;

import org.teavm.interop.Import;

/**
 * The SIMD128 kernels of {@code kernels.wat}, imported into the TeaVM module (module
 * {@code kernels}); every pointer is a byte address in the shared linear memory. Browser only:
 * calling these on the JVM fails.
 */
final class KernelImports {
    private KernelImports() {
    }

    /** {@code out[r] = W[r] · x}, W rows × cols f32. */
    @Import(module = "kernels", name = "f32")
    static native void f32(int w, int x, int out, int rows, int cols);

    /**
     * {@code out[r] = (q[r] · x) * scales[r]}, q rows × cols signed bytes; {@code scratch} holds
     * cols floats (16-aligned) the kernel may overwrite.
     */
    @Import(module = "kernels", name = "q8")
    static native void q8(int q, int scales, int x, int scratch, int out, int rows, int cols);

    /** Attention scores: {@code out[p] = q · K[p]} for p < count, K[p] at {@code keys + p * strideBytes}, n floats. */
    @Import(module = "kernels", name = "dots")
    static native void dots(int q, int keys, int strideBytes, int count, int n, int out);

    /** {@code out[d] = Σ_p w[p] * V[p][d]} for d < width, V[p] at {@code values + p * strideBytes}. */
    @Import(module = "kernels", name = "wsum")
    static native void wsum(int w, int n, int values, int strideBytes, int width, int out);

    /**
     * {@code out[r] = Σ_b (block_b · x) * scales[r * cols/bs + b]}, packed rows × cols/2 bytes;
     * {@code scratch} as for {@link #q8}.
     */
    @Import(module = "kernels", name = "q4")
    static native void q4(int packed, int scales, int x, int scratch, int out, int rows, int cols, int bs);
}
