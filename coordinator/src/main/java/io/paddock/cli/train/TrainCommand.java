package io.paddock.cli.train;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code paddock train model|adapter}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the runtime's architecture, or a low-rank adapter, on synthetic tasks (deterministic).",
        subcommands = {TrainModelCommand.class, TrainAdapterCommand.class})
public final class TrainCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: model or adapter");
    }
}
