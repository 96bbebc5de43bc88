package io.paddock.cli.train;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.trainer.eval.RuntimeEval;
import io.paddock.trainer.task.SuiteMaker;
import io.paddock.trainer.task.TaskMix;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Held-out exact match per task through the runtime (greedy): task i of the mix is scored on
 * {@code cases} held-out problems drawn with seed {@code 42 + i}, as the example suites are.
 */
final class HeldOutReport {
    static final long FIRST_SUITE_SEED = 42;

    private HeldOutReport() {
    }

    static void print(PrintStream out, TaskMix tasks, int cases, SlmModel base, List<Adapter> adapters,
                      Digest baseDigest, boolean withBase) {
        if (cases <= 0) {
            return;
        }
        for (int i = 0; i < tasks.entries().size(); i++) {
            var task = tasks.entries().get(i).task();
            List<EvalCase> suite = SuiteMaker.cases(task, cases, FIRST_SUITE_SEED + i);
            if (withBase) {
                out.printf(Locale.ROOT, "held-out %-8s parent   %s%n", task.name(), RuntimeEval.score(base, suite));
            }
            String who = adapters.isEmpty() ? "model  " : "adapter";
            out.printf(Locale.ROOT, "held-out %-8s %s  %s%n", task.name(), who,
                    RuntimeEval.score(base, adapters, baseDigest, suite));
        }
    }
}
