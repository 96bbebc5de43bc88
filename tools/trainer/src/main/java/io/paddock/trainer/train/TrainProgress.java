package io.paddock.trainer.train;

/** Receives the training loss as it goes (for the command line). */
public interface TrainProgress {
    TrainProgress NONE = (step, total, meanLoss, lr) -> { };

    /** Called after each step with that step's mean loss per scored token. */
    void step(int step, int total, double meanLoss, float lr);
}
