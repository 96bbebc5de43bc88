package io.paddock.trainer.train;

import io.paddock.trainer.data.Shard;
import io.paddock.trainer.data.TokenSequence;
import io.paddock.trainer.model.Param;
import io.paddock.trainer.model.ParamSet;
import io.paddock.trainer.nn.Activations;
import io.paddock.trainer.nn.Grads;
import io.paddock.trainer.nn.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * The gradient of the mean loss of a batch, computed data-parallel: the batch is always cut into
 * {@link #SHARDS} contiguous shards, each with its own activations and gradient buffers, run on
 * up to {@code threads} threads, and summed in shard order. The result therefore does not depend
 * on the thread count.
 */
public final class BatchGradient implements AutoCloseable {
    /** Shards per batch (fixed: part of what determines the result). */
    public static final int SHARDS = 2;

    /** The summed loss and the number of scored tokens of one batch. */
    public record Result(double lossSum, int targets) {
        public double meanLoss() {
            return lossSum / targets;
        }
    }

    private final Network network;
    private final Activations[] activations = new Activations[SHARDS];
    private final Grads[] grads = new Grads[SHARDS];
    private final ExecutorService pool;

    public BatchGradient(Network network, ParamSet params, Predicate<Param> wanted, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.network = network;
        for (int s = 0; s < SHARDS; s++) {
            activations[s] = new Activations(network.shape());
            grads[s] = new Grads(params, wanted);
        }
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(Math.min(threads, SHARDS), r -> {
            Thread t = new Thread(r, "paddock-trainer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Computes the batch gradient into {@link #merged()} and returns the loss. */
    public Result compute(ParamSet params, List<TokenSequence> batch) {
        Shard[] shards = new Shard[SHARDS];
        int targets = 0;
        for (int s = 0; s < SHARDS; s++) {
            shards[s] = Shard.pack(batch.subList(s * batch.size() / SHARDS, (s + 1) * batch.size() / SHARDS));
            targets += shards[s].targetCount();
        }
        float scale = 1f / targets;
        double[] losses = new double[SHARDS];
        if (pool == null) {
            for (int s = 0; s < SHARDS; s++) {
                losses[s] = run(params, shards[s], s, scale);
            }
        } else {
            List<Future<Double>> futures = new ArrayList<>();
            for (int s = 0; s < SHARDS; s++) {
                int shard = s;
                futures.add(pool.submit(() -> run(params, shards[shard], shard, scale)));
            }
            for (int s = 0; s < SHARDS; s++) {
                losses[s] = join(futures.get(s));
            }
        }
        double loss = 0;
        for (int s = 0; s < SHARDS; s++) {
            loss += losses[s];
        }
        for (int s = 1; s < SHARDS; s++) {
            grads[0].add(grads[s]);
        }
        return new Result(loss, targets);
    }

    /** The batch gradient of the last {@link #compute} (owned by this object). */
    public Grads merged() {
        return grads[0];
    }

    private double run(ParamSet params, Shard shard, int s, float scale) {
        grads[s].zero();
        return network.lossAndGradient(params, shard, activations[s], grads[s], scale);
    }

    private static double join(Future<Double> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
