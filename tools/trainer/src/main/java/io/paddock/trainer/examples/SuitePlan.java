package io.paddock.trainer.examples;

import io.paddock.trainer.task.Task;

/**
 * One held-out suite of the examples: {@code suites/<task name>.jsonl} with {@code cases} cases
 * drawn from {@code seed}; the first {@code demoCases} of them also go into the demo suite.
 */
public record SuitePlan(Task task, int cases, int demoCases, long seed) {
    public SuitePlan {
        if (cases < 1 || demoCases < 0 || demoCases > cases) {
            throw new IllegalArgumentException("suite needs 1 ≤ cases and 0 ≤ demo cases ≤ cases");
        }
    }

    /** The file name under {@code suites/}. */
    public String fileName() {
        return task.name() + ".jsonl";
    }
}
