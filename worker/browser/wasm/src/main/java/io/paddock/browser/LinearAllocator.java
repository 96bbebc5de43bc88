package io.paddock.browser;

/** Allocates {@link LinearBlock}s (in the browser: direct buffers in the shared linear memory). */
public interface LinearAllocator {

    /**
     * A zeroed block of {@code bytes} bytes, 8-byte aligned.
     *
     * @throws OutOfMemoryError when the linear memory cannot grow that far
     */
    LinearBlock allocate(int bytes);
}
