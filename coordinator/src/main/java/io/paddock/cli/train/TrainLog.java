package io.paddock.cli.train;

import io.paddock.trainer.train.TrainProgress;

import java.io.PrintStream;
import java.util.Locale;

/** Prints the mean training loss every {@code every} steps (and at the last step). */
final class TrainLog implements TrainProgress {
    private final PrintStream out;
    private final String what;
    private final int every;
    private final long start = System.nanoTime();
    private double sum;
    private int count;

    TrainLog(PrintStream out, String what, int every) {
        this.out = out;
        this.what = what;
        this.every = every;
    }

    @Override
    public void step(int step, int total, double meanLoss, float lr) {
        sum += meanLoss;
        count++;
        if (step % every == 0 || step == total) {
            out.printf(Locale.ROOT, "%s step %d/%d  loss %.4f  lr %.5f  %.1f s%n", what, step, total, sum / count, lr,
                    seconds());
            sum = 0;
            count = 0;
        }
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
