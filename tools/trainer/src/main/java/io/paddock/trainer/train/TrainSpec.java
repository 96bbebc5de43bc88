package io.paddock.trainer.train;

import io.paddock.trainer.model.ModelShape;
import io.paddock.trainer.optim.AdamConfig;
import io.paddock.trainer.task.TaskMix;

/**
 * Everything that determines a trained model (the thread count does not): shape, task mix,
 * seed (weights from {@code seed}, data from {@code seed ^ DATA_STREAM}), steps, sequences per
 * step, optimizer.
 */
public record TrainSpec(ModelShape shape, TaskMix tasks, long seed, int steps, int batchSize, AdamConfig adam) {
    public TrainSpec {
        if (steps < 1 || batchSize < BatchGradient.SHARDS) {
            throw new IllegalArgumentException("steps must be ≥ 1 and batch size ≥ " + BatchGradient.SHARDS
                    + ": " + steps + ", " + batchSize);
        }
    }
}
