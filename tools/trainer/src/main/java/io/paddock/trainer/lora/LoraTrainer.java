package io.paddock.trainer.lora;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterBinding;
import io.paddock.protocol.adapter.AdapterKind;
import io.paddock.protocol.adapter.DeltaRecord;
import io.paddock.protocol.adapter.TensorGlob;
import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.trainer.model.Param;
import io.paddock.trainer.model.ParamSet;
import io.paddock.trainer.nn.Grads;
import io.paddock.trainer.nn.Network;
import io.paddock.trainer.optim.Adam;
import io.paddock.trainer.optim.LrSchedule;
import io.paddock.trainer.train.BatchGradient;
import io.paddock.trainer.train.TrainProgress;
import io.paddock.trainer.train.TrainingStream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Trains an ALR1 adapter on a frozen parent: for each adapted matrix, {@code w = parent + A·B};
 * gradients reach A and B through the full backward pass (other tensors frozen); clipped Adam
 * with warmup and cosine decay. A starts uniform with the spec's standard deviation, B at zero,
 * so step 0 is exactly the parent. Same parent and spec, same adapter, whatever {@code threads}.
 */
public final class LoraTrainer {
    private LoraTrainer() {
    }

    /**
     * @param parentSha256 the parent file's SHA-256 (the adapter binds to it), or null for unbound
     */
    public static Adapter train(SlmModel parent, byte[] parentSha256, LoraSpec spec, int threads,
                                TrainProgress progress) {
        ParamSet params = ParamSet.fromSlm(parent);
        List<LoraFactors> factors = select(params, spec);
        XorShift64 rng = new XorShift64(spec.seed());
        float amplitude = (float) (spec.initStd() * Math.sqrt(3.0));
        for (LoraFactors f : factors) {
            for (int i = 0; i < f.a.length; i++) {
                f.a[i] = (rng.nextFloat() * 2f - 1f) * amplitude;
            }
            f.apply();
        }
        int n = 2 * factors.size();
        int[] sizes = new int[n];
        float[][] values = new float[n][];
        float[][] grads = new float[n][];
        for (int i = 0; i < factors.size(); i++) {
            LoraFactors f = factors.get(i);
            sizes[2 * i] = f.a.length;
            sizes[2 * i + 1] = f.b.length;
            values[2 * i] = f.a;
            values[2 * i + 1] = f.b;
            grads[2 * i] = f.gradA;
            grads[2 * i + 1] = f.gradB;
        }
        Adam adam = new Adam(spec.adam(), sizes, new boolean[n]);
        Network network = new Network(params.shape());
        TrainingStream stream = new TrainingStream(spec.tasks(), spec.seed() ^ TrainingStream.DATA_STREAM,
                params.shape().context());
        List<Param> targets = new ArrayList<>();
        for (LoraFactors f : factors) {
            targets.add(f.target);
        }
        try (BatchGradient batchGradient = new BatchGradient(network, params, targets::contains, threads)) {
            Grads g = batchGradient.merged();
            for (int step = 1; step <= spec.steps(); step++) {
                BatchGradient.Result r = batchGradient.compute(params, stream.next(spec.batchSize()));
                double sumSq = 0;
                for (LoraFactors f : factors) {
                    f.backward(g.of(f.target));
                    sumSq += f.gradSumOfSquares();
                }
                float factor = Adam.clipFactor(Math.sqrt(sumSq), spec.adam().clip());
                if (factor < 1f) {
                    for (LoraFactors f : factors) {
                        f.scaleGrads(factor);
                    }
                }
                float lr = LrSchedule.at(spec.adam(), step, spec.steps());
                adam.step(values, grads, lr);
                for (LoraFactors f : factors) {
                    f.apply();
                }
                progress.step(step, spec.steps(), r.meanLoss(), lr);
            }
        }
        List<DeltaRecord> records = new ArrayList<>();
        for (LoraFactors f : factors) {
            records.add(f.record());
        }
        records.sort(Comparator.comparing(DeltaRecord::nameHash, Long::compareUnsigned));
        return new Adapter(AdapterKind.LOW_RANK, AdapterBinding.of(parent, parentSha256), 1f, records);
    }

    /** The parent's matrices (not norm weights) matching any of the spec's globs, in C3 order. */
    private static List<LoraFactors> select(ParamSet params, LoraSpec spec) {
        List<TensorGlob> globs = new ArrayList<>();
        for (String t : spec.tensors()) {
            globs.add(new TensorGlob(t));
        }
        List<LoraFactors> out = new ArrayList<>();
        for (Param p : params.all()) {
            boolean matched = false;
            for (TensorGlob g : globs) {
                matched |= g.matches(p.name());
            }
            if (matched && !p.vector()) {
                if (spec.rank() > Math.min(p.rows(), p.cols())) {
                    throw new IllegalArgumentException("rank " + spec.rank() + " exceeds min(rows, cols) of "
                            + p.name());
                }
                out.add(new LoraFactors(p, spec.rank()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the tensor globs " + spec.tensors()
                    + " match no matrix of the parent (names look like layers.0.wq.weight)");
        }
        return out;
    }
}
