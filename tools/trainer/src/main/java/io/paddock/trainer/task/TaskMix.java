package io.paddock.trainer.task;

import io.paddock.protocol.random.XorShift64;

import java.util.ArrayList;
import java.util.List;

/**
 * A weighted mixture of tasks for training. {@link #sampleTraining} draws a task by weight, then
 * a problem of it that is not {@link HeldOut held out}, all from the given stream.
 */
public record TaskMix(List<Entry> entries) {
    /** Draws after which a task that only produces held-out problems is reported as broken. */
    private static final int MAX_REJECTIONS = 10_000;

    /** One task and its integer weight (≥ 1). */
    public record Entry(Task task, int weight) {
        public Entry {
            if (weight < 1) {
                throw new IllegalArgumentException("task weight must be at least 1: " + weight);
            }
        }
    }

    public TaskMix {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a task mix needs at least one task");
        }
    }

    /** A mix with one task. */
    public static TaskMix of(Task task) {
        return new TaskMix(List.of(new Entry(task, 1)));
    }

    /** Parses {@code name:args[@weight]} items (weight 1 by default), e.g. {@code reverse:1-6@9}. */
    public static TaskMix parse(List<String> items) {
        List<Entry> entries = new ArrayList<>();
        for (String item : items) {
            int at = item.lastIndexOf('@');
            int weight = 1;
            String task = item;
            if (at >= 0) {
                try {
                    weight = Integer.parseInt(item.substring(at + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("task weight after '@' must be an integer: " + item);
                }
                task = item.substring(0, at);
            }
            entries.add(new Entry(Tasks.parse(task), weight));
        }
        return new TaskMix(entries);
    }

    /** The command-line items of this mix. */
    public List<String> format() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(Tasks.format(e.task()) + "@" + e.weight());
        }
        return out;
    }

    /** A training problem: a task drawn by weight, then a problem of it that is not held out. */
    public Example sampleTraining(XorShift64 rng) {
        int total = 0;
        for (Entry e : entries) {
            total += e.weight();
        }
        int pick = rng.nextInt(total);
        Task task = null;
        for (Entry e : entries) {
            if (pick < e.weight()) {
                task = e.task();
                break;
            }
            pick -= e.weight();
        }
        for (int i = 0; i < MAX_REJECTIONS; i++) {
            Example ex = task.sample(rng);
            if (!HeldOut.isHeldOut(ex.prompt())) {
                return ex;
            }
        }
        throw new IllegalStateException("task " + task.name() + " produced only held-out problems");
    }
}
