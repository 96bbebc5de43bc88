package io.paddock.trainer.task;

import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.MatchRule;
import io.paddock.protocol.suite.Suite;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Held-out eval suites: distinct {@link HeldOut held-out} problems of a task, drawn from a seeded
 * stream, as exact-match cases with ids {@code <task>-001…} and the task's generation budget.
 */
public final class SuiteMaker {
    private static final int MAX_DRAWS_PER_CASE = 100_000;
    /** Task families in the order that gives their default suite seeds (42, 43, …). */
    private static final List<String> FAMILIES = List.of("reverse", "add", "copy", "sort");
    private static final long FIRST_SEED = 42;

    private SuiteMaker() {
    }

    /**
     * The default suite seed of a task family: reverse 42, add 43, copy 44, sort 45 (what the
     * examples and the training commands' held-out scores use).
     */
    public static long defaultSeed(Task task) {
        int i = FAMILIES.indexOf(task.name());
        if (i < 0) {
            throw new IllegalArgumentException("no default suite seed for task " + task.name());
        }
        return FIRST_SEED + i;
    }

    /** {@code count} held-out cases of {@code task}. */
    public static List<EvalCase> cases(Task task, int count, long seed) {
        XorShift64 rng = new XorShift64(seed);
        Set<String> prompts = new HashSet<>();
        List<EvalCase> cases = new ArrayList<>(count);
        long budget = (long) count * MAX_DRAWS_PER_CASE;
        while (cases.size() < count) {
            if (budget-- == 0) {
                throw new IllegalArgumentException("task " + task.name() + " has fewer than " + count
                        + " distinct held-out problems");
            }
            Example ex = task.sample(rng);
            if (HeldOut.isHeldOut(ex.prompt()) && prompts.add(ex.prompt())) {
                String id = String.format(Locale.ROOT, "%s-%03d", task.name(), cases.size() + 1);
                cases.add(new EvalCase(id, ex.prompt(), ex.answer(), task.maxNewTokens(), MatchRule.EXACT));
            }
        }
        return cases;
    }

    /** A suite of {@code count} held-out cases of {@code task}. */
    public static Suite suite(Task task, int count, long seed) {
        return new Suite(task.name(), cases(task, count, seed));
    }
}
