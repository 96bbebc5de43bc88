package io.paddock.trainer.lora;

import io.paddock.protocol.adapter.TensorGlob;
import io.paddock.trainer.optim.AdamConfig;
import io.paddock.trainer.task.TaskMix;

import java.util.List;

/**
 * What determines a trained low-rank adapter besides its parent: the tensors it adapts (globs
 * over canonical names, matrices only), the rank, the task mix, the seed (factor A from
 * {@code seed}, data from {@code seed ^ DATA_STREAM}), steps, sequences per step, the optimizer,
 * and the standard deviation of the initial A (B starts at zero, so training starts at the parent).
 */
public record LoraSpec(List<String> tensors, int rank, TaskMix tasks, long seed, int steps, int batchSize,
                       AdamConfig adam, float initStd) {
    public LoraSpec {
        tensors = List.copyOf(tensors);
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("name at least one tensor glob to adapt");
        }
        for (String t : tensors) {
            new TensorGlob(t);
        }
        if (rank < 1 || steps < 1 || batchSize < 2 || !(initStd > 0)) {
            throw new IllegalArgumentException("rank and steps must be ≥ 1, batch size ≥ 2, init std > 0");
        }
    }
}
