package io.paddock.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A one-line terminal progress bar with rate and ETA, redrawn in place on a TTY (and printed
 * at most every few seconds as plain lines otherwise, so logs stay readable).
 */
public final class ProgressBar {
    private static final int WIDTH = 28;

    private final PrintStream out;
    private final String label;
    private final boolean tty;
    private final LongSupplier clock;
    private final long start;
    private long lastPrint;

    public ProgressBar(PrintStream out, String label) {
        this(out, label, System.console() != null, System::nanoTime);
    }

    ProgressBar(PrintStream out, String label, boolean tty, LongSupplier clock) {
        this.out = out;
        this.label = label;
        this.tty = tty;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastPrint = start;
    }

    /** Shows {@code done} of {@code total}, with an optional detail (e.g. the current candidate). */
    public synchronized void update(long done, long total, String detail) {
        long now = clock.getAsLong();
        boolean finished = done >= total;
        if (!tty && !finished && now - lastPrint < 5_000_000_000L) {
            return;
        }
        lastPrint = now;
        String line = render(done, total, (now - start) / 1e9, detail);
        if (tty) {
            out.print("\r\033[K" + line);
            if (finished) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    String render(long done, long total, double elapsedSeconds, String detail) {
        double f = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(f * WIDTH);
        String eta = done == 0 ? "--:--" : clock((long) (elapsedSeconds / done * (total - done)));
        return String.format("%s [%s%s] %d/%d %3.0f%% elapsed %s eta %s%s", label, "#".repeat(filled),
                "-".repeat(WIDTH - filled), done, total, f * 100, clock((long) elapsedSeconds), eta,
                detail == null || detail.isEmpty() ? "" : "  " + detail);
    }

    private static String clock(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%02d:%02d", seconds / 60, seconds % 60);
    }
}
