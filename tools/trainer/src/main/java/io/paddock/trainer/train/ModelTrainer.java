package io.paddock.trainer.train;

import io.paddock.trainer.model.Param;
import io.paddock.trainer.model.ParamSet;
import io.paddock.trainer.nn.Grads;
import io.paddock.trainer.nn.Network;
import io.paddock.trainer.optim.Adam;
import io.paddock.trainer.optim.LrSchedule;

import java.util.List;

/**
 * Trains a model from scratch: weights from the spec's seed, batches from the training stream,
 * mean cross-entropy on the answer tokens, full backpropagation, clipped AdamW with warmup and
 * cosine decay. Same spec, same weights, whatever {@code threads} is.
 */
public final class ModelTrainer {
    private ModelTrainer() {
    }

    public static ParamSet train(TrainSpec spec, int threads, TrainProgress progress) {
        ParamSet params = ParamSet.initialize(spec.shape(), spec.seed());
        Network network = new Network(spec.shape());
        TrainingStream stream = new TrainingStream(spec.tasks(), spec.seed() ^ TrainingStream.DATA_STREAM,
                spec.shape().context());
        List<Param> all = params.all();
        int[] sizes = new int[all.size()];
        boolean[] decay = new boolean[all.size()];
        float[][] values = new float[all.size()][];
        for (int i = 0; i < all.size(); i++) {
            sizes[i] = all.get(i).size();
            decay[i] = !all.get(i).vector();
            values[i] = all.get(i).value();
        }
        Adam adam = new Adam(spec.adam(), sizes, decay);
        float[][] grads = new float[all.size()][];
        try (BatchGradient batchGradient = new BatchGradient(network, params, p -> true, threads)) {
            Grads g = batchGradient.merged();
            for (int i = 0; i < all.size(); i++) {
                grads[i] = g.at(i);
            }
            for (int step = 1; step <= spec.steps(); step++) {
                BatchGradient.Result r = batchGradient.compute(params, stream.next(spec.batchSize()));
                float factor = Adam.clipFactor(Math.sqrt(g.sumOfSquares()), spec.adam().clip());
                if (factor < 1f) {
                    g.scale(factor);
                }
                float lr = LrSchedule.at(spec.adam(), step, spec.steps());
                adam.step(values, grads, lr);
                for (Param p : all) {
                    p.refreshTransposed();
                }
                progress.step(step, spec.steps(), r.meanLoss(), lr);
            }
        }
        return params;
    }
}
