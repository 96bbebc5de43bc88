package io.paddock.vector.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ratios a decode report is read by, all from the same run (so they hold on another machine
 * as the tok/s do not): per dtype, SIMD over scalar on one thread, N threads over one thread
 * (SIMD), and the dtype's one-thread SIMD figure over f32's. A ratio whose figures were not
 * measured is left out.
 */
public final class BenchRatios {
    private BenchRatios() {
    }

    /** One line per dtype that has at least one ratio; empty if none. */
    public static List<String> lines(DecodeBenchReport r) {
        List<String> lines = new ArrayList<>();
        DecodeFigure f32 = find(r, "f32", true, 1);
        for (String dtype : dtypes(r)) {
            DecodeFigure scalar = find(r, dtype, false, 1);
            DecodeFigure simd = find(r, dtype, true, 1);
            DecodeFigure threaded = null;
            for (DecodeFigure f : r.figures()) {
                if (f.dtype().equals(dtype) && f.simd() && f.threads() > 1) {
                    threaded = f;
                }
            }
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-6s", dtype));
            int ratios = 0;
            if (scalar != null && simd != null) {
                sb.append(String.format(Locale.ROOT, "  SIMD / scalar %5.2fx", ratio(simd, scalar)));
                ratios++;
            }
            if (threaded != null && simd != null) {
                sb.append(String.format(Locale.ROOT, "  %d threads / 1 thread %5.2fx", threaded.threads(),
                        ratio(threaded, simd)));
                ratios++;
            }
            if (f32 != null && simd != null && !dtype.equals("f32")) {
                sb.append(String.format(Locale.ROOT, "  vs f32 (SIMD, 1 thread) %5.2fx", ratio(simd, f32)));
                ratios++;
            }
            if (ratios > 0) {
                lines.add(sb.toString());
            }
        }
        return lines;
    }

    private static double ratio(DecodeFigure a, DecodeFigure b) {
        return b.tokensPerSecond() > 0 ? a.tokensPerSecond() / b.tokensPerSecond() : 0.0;
    }

    private static List<String> dtypes(DecodeBenchReport r) {
        List<String> dtypes = new ArrayList<>();
        for (DecodeFigure f : r.figures()) {
            if (!dtypes.contains(f.dtype())) {
                dtypes.add(f.dtype());
            }
        }
        return dtypes;
    }

    private static DecodeFigure find(DecodeBenchReport r, String dtype, boolean simd, int threads) {
        for (DecodeFigure f : r.figures()) {
            if (f.dtype().equals(dtype) && f.simd() == simd && f.threads() == threads) {
                return f;
            }
        }
        return null;
    }
}
