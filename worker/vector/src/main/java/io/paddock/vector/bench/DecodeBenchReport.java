package io.paddock.vector.bench;

import java.util.List;

/**
 * Everything one {@code paddock bench} run measured: the memory bandwidth on one and on the
 * requested number of threads, and the decode figures.
 */
public record DecodeBenchReport(ModelShape shape, int newTokens, BandwidthResult bandwidthOneThread,
                                BandwidthResult bandwidthThreads, List<DecodeFigure> figures, String notes) {

    public DecodeBenchReport {
        figures = List.copyOf(figures);
    }

    /** The figure for a dtype label and kernels name, or null. */
    public DecodeFigure figure(String dtype, String kernels) {
        for (DecodeFigure f : figures) {
            if (f.dtype().equals(dtype) && f.kernels().equals(kernels)) {
                return f;
            }
        }
        return null;
    }
}
