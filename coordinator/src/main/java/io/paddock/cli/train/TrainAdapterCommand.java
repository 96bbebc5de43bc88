package io.paddock.cli.train;

import io.paddock.cli.ExitCode;
import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterWriter;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.slm.ChecksumPolicy;
import io.paddock.protocol.slm.SlmFiles;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.trainer.lora.LoraSpec;
import io.paddock.trainer.lora.LoraTrainer;
import io.paddock.trainer.optim.AdamConfig;
import io.paddock.trainer.task.TaskMix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code paddock train adapter}: an ALR1 adapter trained on a frozen parent. */
@Command(name = "adapter", mixinStandardHelpOptions = true,
        description = {"Train a low-rank adapter (ALR1, scale 1) on a frozen parent .slm and bind it to the parent's "
                + "SHA-256.",
                "The same parent and options give the same file. Defaults make examples/adapters/add-lora.alr1."})
public final class TrainAdapterCommand implements Callable<Integer> {
    @Option(names = "--parent", required = true, paramLabel = "PARENT", description = "the frozen parent (.slm)")
    Path parent;
    @Option(names = "--task", paramLabel = "TASK[@WEIGHT]", split = ",", defaultValue = "add:2@3,reverse:1-6@1",
            description = "task families and weights, as for 'train model' (default ${DEFAULT-VALUE})")
    List<String> tasks;
    @Option(names = "--tensors", paramLabel = "GLOB", split = ",", defaultValue = "layers.*.w*.weight",
            description = "matrices to adapt, * and ? wildcards (repeatable or comma-separated; default "
                    + "${DEFAULT-VALUE}: every attention and feed-forward matrix)")
    List<String> tensors;
    @Option(names = "--rank", defaultValue = "16", description = "rank of every A·B (default ${DEFAULT-VALUE})")
    int rank;
    @Option(names = "--steps", defaultValue = "1500", description = "optimizer steps (default ${DEFAULT-VALUE})")
    int steps;
    @Option(names = "--batch", defaultValue = "32", description = "sequences per step (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--lr", defaultValue = "0.003", description = "peak learning rate (default ${DEFAULT-VALUE})")
    float lr;
    @Option(names = "--warmup", defaultValue = "100",
            description = "linear warmup steps, then cosine decay to 10% (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--init-std",
            description = "standard deviation of the initial A (default 1/sqrt(rank)); B starts at 0")
    Float initStd;
    @Option(names = "--seed", defaultValue = "7",
            description = "seed of A and of the data stream (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--unbound", description = "do not bind the adapter to the parent file's SHA-256") boolean unbound;
    @Option(names = "--threads", defaultValue = "2", description = "threads (the result does not depend on it)")
    int threads;
    @Option(names = "--eval-cases", defaultValue = "100",
            description = "held-out cases per task to score parent and adapter on, through the runtime (0: skip)")
    int evalCases;
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "the .alr1 to write")
    Path out;

    @Override
    public Integer call() throws IOException {
        byte[] parentBytes = Files.readAllBytes(parent);
        SlmModel model = SlmFiles.read(parent, ChecksumPolicy.STRICT);
        Digest digest = Digest.of(parentBytes);
        TaskMix mix = TaskMix.parse(tasks);
        float std = initStd != null ? initStd : (float) (1 / Math.sqrt(rank));
        LoraSpec spec = new LoraSpec(tensors, rank, mix, seed, steps, batch, AdamConfig.of(lr, warmup, 0f), std);
        System.out.printf(Locale.ROOT, "training a rank-%d adapter of %s on %s for %d steps of %d sequences%n", rank,
                parent, String.join(", ", mix.format()), steps, batch);
        TrainLog log = new TrainLog(System.out, "step", 100);
        Adapter adapter = LoraTrainer.train(model, unbound ? null : digest.bytes(), spec, threads, log);
        double seconds = log.seconds();
        byte[] bytes = AdapterWriter.write(adapter);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.write(out, bytes);
        System.out.printf(Locale.ROOT, "wrote %s (ALR1, %d tensors, %,d bytes, %s) after %.1f s of training%n", out,
                adapter.records().size(), bytes.length, Digest.of(bytes), seconds);
        HeldOutReport.print(System.out, mix, evalCases, model, List.of(adapter), unbound ? null : digest, true);
        return ExitCode.OK;
    }
}
