package io.paddock.vector.bench;

import java.util.List;
import java.util.Locale;

/** Plain-text tables of benchmark results (fixed columns, one figure per line). */
public final class BenchTable {
    private BenchTable() {
    }

    /** The decode report: shape, bandwidth, one line per dtype and kernel setup, then the ratios of the run. */
    public static String render(DecodeBenchReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("shape   ").append(r.shape().describe()).append('\n');
        sb.append(String.format(Locale.ROOT, "memory  %s%s (streaming read of %d MB, best of %d)%n",
                bandwidth(r.bandwidthOneThread()),
                r.bandwidthThreads().threads() > 1 ? ", " + bandwidth(r.bandwidthThreads()) : "",
                r.bandwidthOneThread().bytes() >> 20, r.bandwidthOneThread().passes()));
        sb.append(String.format(Locale.ROOT, "decode  %d greedy tokens per run; tok/s = median of the timed runs "
                + "after warm-up, best = fastest run%n%n", r.newTokens()));
        sb.append(String.format(Locale.ROOT, "%-6s %-22s %7s %10s %10s %11s %12s %9s %9s%n", "dtype", "kernels",
                "threads", "tok/s", "best t/s", "MB/token", "ceiling t/s", "of ceil.", "same ids"));
        for (DecodeFigure f : r.figures()) {
            sb.append(String.format(Locale.ROOT, "%-6s %-22s %7d %10.1f %10.1f %11.2f %12.1f %8.0f%% %9s%n", f.dtype(),
                    f.kernels(), f.threads(), f.tokensPerSecond(), f.maxTokensPerSecond(), f.bytesPerToken() / 1e6,
                    f.ceilingTokensPerSecond(), 100 * f.fractionOfCeiling(), f.sameTokens() ? "yes" : "NO"));
        }
        List<String> ratios = BenchRatios.lines(r);
        if (!ratios.isEmpty()) {
            sb.append("\nratios (same run)\n");
            for (String line : ratios) {
                sb.append(line).append('\n');
            }
        }
        if (!r.notes().isEmpty()) {
            sb.append('\n').append(r.notes()).append('\n');
        }
        return sb.toString();
    }

    /** Kernel throughput results, one line each. */
    public static String renderKernels(List<KernelBenchResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-22s %-6s %12s %10s %9s %9s%n", "kernels", "dtype", "shape",
                "median µs", "GFLOP/s", "GB/s"));
        for (KernelBenchResult k : results) {
            sb.append(String.format(Locale.ROOT, "%-22s %-6s %12s %10.1f %9.2f %9.2f%n", k.kernel(), k.dtype(),
                    k.rows() + "x" + k.cols(), k.medianNanos() / 1e3, k.gflops(), k.bytesPerSecond() / 1e9));
        }
        return sb.toString();
    }

    private static String bandwidth(BandwidthResult b) {
        return String.format(Locale.ROOT, "%.1f GB/s on %d thread%s", b.gigabytesPerSecond(), b.threads(),
                b.threads() == 1 ? "" : "s");
    }
}
