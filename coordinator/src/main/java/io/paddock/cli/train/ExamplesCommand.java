package io.paddock.cli.train;

import io.paddock.cli.ExitCode;
import io.paddock.trainer.examples.ExampleMaker;
import io.paddock.trainer.examples.ExamplePlan;
import io.paddock.trainer.examples.ExampleReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code paddock examples make}: regenerates every file of {@code examples/} byte for byte. */
@Command(name = "examples", mixinStandardHelpOptions = true,
        description = "The committed example models, adapters, suites and demo generation.",
        subcommands = {ExamplesCommand.Make.class})
public final class ExamplesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: make");
    }

    /** Trains the parent and the adapter, writes every example file, then measures them with the runtime. */
    @Command(name = "make", mixinStandardHelpOptions = true,
            description = {"Regenerate examples/ byte for byte (trains the parent and the adapter: a few minutes on "
                    + "2 cores), then print held-out accuracies and file sizes.",
                    "README.md in the directory is not touched."})
    public static final class Make implements Callable<Integer> {
        @Option(names = "--out", defaultValue = "examples", paramLabel = "DIR",
                description = "output directory (default ${DEFAULT-VALUE})")
        Path out;
        @Option(names = "--threads", defaultValue = "2", description = "threads (the files do not depend on it)")
        int threads;

        @Override
        public Integer call() throws IOException {
            ExampleReport report = ExampleMaker.make(ExamplePlan.standard(), out, threads, System.out::println);
            System.out.print(report.render());
            return ExitCode.OK;
        }
    }
}
