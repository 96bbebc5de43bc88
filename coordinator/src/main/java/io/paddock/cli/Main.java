package io.paddock.cli;

import io.paddock.cli.farm.CoordinatorCommand;
import io.paddock.cli.farm.ResultsCommand;
import io.paddock.cli.farm.RunCommand;
import io.paddock.cli.farm.SubmitCommand;
import io.paddock.cli.farm.WorkerCommand;
import io.paddock.cli.train.ExamplesCommand;
import io.paddock.cli.train.TrainCommand;
import io.paddock.protocol.error.FormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** The {@code paddock} command line. Exit codes: 0 ok, 2 usage error, 3 invalid input, 1 anything else. */
@Command(name = "paddock",
        mixinStandardHelpOptions = true,
        version = "paddock 0.1.0",
        description = "Paddock: a distributed evaluation farm for model breeding.",
        subcommands = {
                RunCommand.class,
                CoordinatorCommand.class,
                WorkerCommand.class,
                SubmitCommand.class,
                ResultsCommand.class,
                InspectCommand.class,
                PackCommand.class,
                AdapterCommand.class,
                GenerateCommand.class,
                EvalCommand.class,
                BenchCommand.class,
                TrainCommand.class,
                ExamplesCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (for tests and embedding). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setExitCodeExceptionMapper(Main::exitCodeOf);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + oneLine(e));
        err.flush();
        return exitCodeOf(e);
    }

    private static int exitCodeOf(Throwable e) {
        if (e instanceof UncheckedIOException u) {
            e = u.getCause();
        }
        if (e instanceof FormatException || e instanceof NoSuchFileException) {
            return ExitCode.INVALID_INPUT;
        }
        if (e instanceof IllegalArgumentException || e instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE;
        }
        return ExitCode.FAILURE;
    }

    private static String oneLine(Throwable e) {
        if (e instanceof UncheckedIOException u) {
            e = u.getCause();
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof IOException) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getName() : m;
    }
}
