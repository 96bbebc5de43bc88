package io.paddock.cli;

import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.ModelConverter;
import io.paddock.protocol.slm.RandomModelSpec;
import io.paddock.protocol.slm.RandomModels;
import io.paddock.protocol.slm.SlmFiles;
import io.paddock.protocol.slm.SlmFormat;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.TokenizerSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code paddock pack random|quantize}: make model packages. */
@Command(name = "pack", mixinStandardHelpOptions = true,
        description = "Make .slm model packages.",
        subcommands = {PackCommand.Random.class, PackCommand.Quantize.class})
final class PackCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: random or quantize");
    }

    @Command(name = "random", mixinStandardHelpOptions = true,
            description = "A seeded synthetic model: the same seed gives the same bytes.")
    static final class Random implements Callable<Integer> {
        @Option(names = "--layers", required = true) int layers;
        @Option(names = "--hidden", required = true) int hidden;
        @Option(names = "--heads", required = true) int heads;
        @Option(names = "--kv-heads", description = "key/value heads (divides --heads; default: --heads)") Integer kvHeads;
        @Option(names = "--ffn", required = true) int ffn;
        @Option(names = "--context", required = true) int context;
        @Option(names = "--tokenizer", defaultValue = "btok", description = "btok or bpe:<vocab> (default btok)")
        String tokenizer;
        @Option(names = "--dtype", defaultValue = "f32", description = "f32, q8_0 or q4_0 (default f32)") String dtype;
        @Option(names = "--block-size", defaultValue = "32", description = "q4_0 block size (default 32)") int blockSize;
        @Option(names = "--tied", description = "tie the output projection to the token embeddings") boolean tied;
        @Option(names = "--seed", required = true) long seed;
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT") Path out;

        @Override
        public Integer call() throws IOException {
            RandomModelSpec spec = new RandomModelSpec(layers, hidden, heads, kvHeads == null ? heads : kvHeads, ffn,
                    context, TokenizerSpec.parse(tokenizer), DType.fromLabel(dtype), blockSize, tied, seed,
                    RandomModelSpec.DEFAULT_ROPE_THETA, RandomModelSpec.DEFAULT_RMS_NORM_EPSILON);
            SlmModel model = RandomModels.generate(spec);
            write(model, out);
            return ExitCode.OK;
        }
    }

    @Command(name = "quantize", mixinStandardHelpOptions = true,
            description = "Re-store every tensor of a model as q8_0 or q4_0 (C4 quantizer).")
    static final class Quantize implements Callable<Integer> {
        @Parameters(paramLabel = "IN") Path in;
        @Option(names = "--dtype", required = true, description = "q8_0 or q4_0") String dtype;
        @Option(names = "--block-size", defaultValue = "" + SlmFormat.DEFAULT_Q4_BLOCK,
                description = "q4_0 block size (default 32)") int blockSize;
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT") Path out;

        @Override
        public Integer call() throws IOException {
            DType target = DType.fromLabel(dtype);
            if (target == DType.F32) {
                throw new IllegalArgumentException("--dtype must be q8_0 or q4_0: got f32");
            }
            SlmModel model = ModelConverter.convert(Inputs.model(in), target, blockSize);
            write(model, out);
            return ExitCode.OK;
        }
    }

    static void write(SlmModel model, Path out) throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        SlmFiles.write(model, out);
        System.out.printf("wrote %s (%,d bytes, %,d parameters, %s)%n", out, Files.size(out), model.parameterCount(),
                Inputs.sha256(out));
    }
}
