package io.paddock.vector.bench;

/**
 * One memory-bandwidth measurement: the best of {@code passes} streaming reads of
 * {@code bytes} bytes split across {@code threads} threads.
 */
public record BandwidthResult(int threads, long bytes, int passes, long bestNanos, double bytesPerSecond) {

    public double gigabytesPerSecond() {
        return bytesPerSecond / 1e9;
    }
}
