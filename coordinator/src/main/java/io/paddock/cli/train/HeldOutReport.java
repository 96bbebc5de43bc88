package io.paddock.cli.train;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.trainer.eval.RuntimeEval;
import io.paddock.trainer.task.SuiteMaker;
import io.paddock.trainer.task.Task;
import io.paddock.trainer.task.TaskMix;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Held-out exact match per task through the runtime (greedy): each task of the mix is scored on
 * {@code cases} held-out problems drawn with its default suite seed, as the example suites are.
 */
final class HeldOutReport {
    private HeldOutReport() {
    }

    static void print(PrintStream out, TaskMix tasks, int cases, SlmModel base, List<Adapter> adapters,
                      Digest baseDigest, boolean withBase) {
        if (cases <= 0) {
            return;
        }
        for (TaskMix.Entry entry : tasks.entries()) {
            Task task = entry.task();
            List<EvalCase> suite = SuiteMaker.cases(task, cases, SuiteMaker.defaultSeed(task));
            if (withBase) {
                out.printf(Locale.ROOT, "held-out %-8s parent   %s%n", task.name(), RuntimeEval.score(base, suite));
            }
            String who = adapters.isEmpty() ? "model  " : "adapter";
            out.printf(Locale.ROOT, "held-out %-8s %s  %s%n", task.name(), who,
                    RuntimeEval.score(base, adapters, baseDigest, suite));
        }
    }
}
