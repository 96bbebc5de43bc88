package io.paddock.cli;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterKind;
import io.paddock.protocol.adapter.AdapterWriter;
import io.paddock.protocol.adapter.RandomAdapterSpec;
import io.paddock.protocol.adapter.RandomAdapters;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.slm.SlmModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code paddock adapter random}: make adapter packages. */
@Command(name = "adapter", mixinStandardHelpOptions = true,
        description = "Make adapter packages (ADP1 dense, ASP1 sparse, ALR1 low-rank).",
        subcommands = {AdapterCommand.Random.class})
final class AdapterCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: random");
    }

    @Command(name = "random", mixinStandardHelpOptions = true,
            description = "A seeded synthetic descendant of a model: the same seed gives the same bytes.")
    static final class Random implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "BASE", description = "the .slm it binds to")
        Path model;
        @Option(names = "--kind", required = true, description = "dense, sparse or lowrank") String kind;
        @Option(names = "--rank", defaultValue = "" + RandomAdapterSpec.DEFAULT_RANK,
                description = "low-rank rank (default ${DEFAULT-VALUE}; capped per tensor at min(rows, cols))")
        int rank;
        @Option(names = "--density", defaultValue = "" + RandomAdapterSpec.DEFAULT_DENSITY,
                description = "sparse: fraction of values touched (default ${DEFAULT-VALUE})") double density;
        @Option(names = "--scale", defaultValue = "" + RandomAdapterSpec.DEFAULT_SCALE,
                description = "the adapter's scale (default ${DEFAULT-VALUE})") float scale;
        @Option(names = "--tensors", defaultValue = RandomAdapterSpec.DEFAULT_TENSORS, paramLabel = "GLOB",
                description = "canonical tensor names to touch, * and ? wildcards (default: all)") String tensors;
        @Option(names = "--bind-parent", description = "bind to the model file's SHA-256") boolean bindParent;
        @Option(names = "--seed", required = true) long seed;
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT") Path out;

        @Override
        public Integer call() throws IOException {
            SlmModel base = Inputs.model(model);
            Digest digest = Inputs.sha256(model);
            RandomAdapterSpec spec = new RandomAdapterSpec(AdapterKind.fromLabel(kind), rank, density, scale, tensors,
                    bindParent, seed);
            Adapter adapter = RandomAdapters.generate(base, digest.bytes(), spec);
            byte[] bytes = AdapterWriter.write(adapter);
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.write(out, bytes);
            System.out.printf("wrote %s (%s, %d tensors, %,d bytes, %s)%n", out, adapter.kind().magic(),
                    adapter.records().size(), bytes.length, Digest.of(bytes));
            return ExitCode.OK;
        }
    }
}
