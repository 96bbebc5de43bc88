package io.paddock.cli.train;

import io.paddock.cli.ExitCode;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.SlmWriter;
import io.paddock.trainer.model.ModelShape;
import io.paddock.trainer.optim.AdamConfig;
import io.paddock.trainer.task.TaskMix;
import io.paddock.trainer.train.ModelTrainer;
import io.paddock.trainer.train.TrainSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code paddock train model}: a model trained from a seed; the same options give the same bytes. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"Train a model_type 1 BTOK model from scratch on synthetic tasks and write an f32 .slm.",
                "The same options give the same file, whatever --threads is. Defaults make examples/parent.slm."})
public final class TrainModelCommand implements Callable<Integer> {
    @Option(names = "--task", paramLabel = "TASK[@WEIGHT]", split = ",", defaultValue = "reverse:1-6@4,add:2@1",
            description = "task families with their weights: reverse:MIN-MAX, copy:MIN-MAX, sort:MIN-MAX or add:DIGITS "
                    + "(repeatable or comma-separated; default ${DEFAULT-VALUE})")
    List<String> tasks;
    @Option(names = "--dim", defaultValue = "128", description = "hidden size (default ${DEFAULT-VALUE})") int dim;
    @Option(names = "--layers", defaultValue = "4", description = "transformer blocks (default ${DEFAULT-VALUE})")
    int layers;
    @Option(names = "--heads", defaultValue = "4", description = "attention heads; key/value heads are the same "
            + "(default ${DEFAULT-VALUE})")
    int heads;
    @Option(names = "--ffn", defaultValue = "384", description = "SwiGLU width (default ${DEFAULT-VALUE})") int ffn;
    @Option(names = "--context", defaultValue = "64", description = "max_context (default ${DEFAULT-VALUE})")
    int context;
    @Option(names = "--steps", defaultValue = "2500", description = "optimizer steps (default ${DEFAULT-VALUE})")
    int steps;
    @Option(names = "--batch", defaultValue = "32", description = "sequences per step (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--lr", defaultValue = "0.002", description = "peak learning rate (default ${DEFAULT-VALUE})")
    float lr;
    @Option(names = "--warmup", defaultValue = "100",
            description = "linear warmup steps, then cosine decay to 10% (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--weight-decay", defaultValue = "0.01",
            description = "decoupled weight decay of the matrices (default ${DEFAULT-VALUE})")
    float weightDecay;
    @Option(names = "--seed", defaultValue = "1",
            description = "seed of the weights and of the data stream (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--threads", defaultValue = "2", description = "threads (the result does not depend on it)")
    int threads;
    @Option(names = "--eval-cases", defaultValue = "100",
            description = "held-out cases per task to score after training, through the runtime (0: skip)")
    int evalCases;
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "the .slm to write")
    Path out;

    @Override
    public Integer call() throws IOException {
        TaskMix mix = TaskMix.parse(tasks);
        TrainSpec spec = new TrainSpec(ModelShape.of(dim, layers, heads, ffn, context), mix, seed, steps, batch,
                AdamConfig.of(lr, warmup, weightDecay));
        System.out.printf(Locale.ROOT, "training %,d parameters on %s for %d steps of %d sequences%n",
                spec.shape().parameterCount(), String.join(", ", mix.format()), steps, batch);
        TrainLog log = new TrainLog(System.out, "step", 100);
        SlmModel model = ModelTrainer.train(spec, threads, log).toSlm();
        double seconds = log.seconds();
        byte[] bytes = SlmWriter.toBytes(model);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.write(out, bytes);
        System.out.printf(Locale.ROOT, "wrote %s (%,d bytes, %s) after %.1f s of training%n", out, bytes.length,
                Digest.of(bytes), seconds);
        HeldOutReport.print(System.out, mix, evalCases, model, List.of(), null, false);
        return ExitCode.OK;
    }
}
