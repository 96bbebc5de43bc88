package io.paddock.coordinator.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link SchedulerBench} briefly (set {@code -Dpaddock.bench.seconds} for a real
 * measurement) and prints the figure. Only checks that cycles complete and every result is
 * accepted: timing is never gated.
 */
class SchedulerThroughputTest {

    @Test
    void noOpWorkersCycleThroughUnits(@TempDir Path dir) throws Exception {
        double seconds = Double.parseDouble(System.getProperty("paddock.bench.seconds", "3"));
        SchedulerBench.Figures f = SchedulerBench.run(dir, seconds, Integer.getInteger("paddock.bench.workers", 8),
                Integer.getInteger("paddock.bench.slots", 32),
                !Boolean.getBoolean("paddock.bench.noforce"));
        System.out.println("scheduler bench: " + f);
        assertThat(f.cycles()).isPositive();
        assertThat(f.notAccepted()).as("every result of a no-op worker is accepted").isZero();
    }
}
