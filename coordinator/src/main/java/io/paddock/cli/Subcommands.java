package io.paddock.cli;

import picocli.CommandLine;

/** Registers the command groups that live in their own packages (farm, train). */
final class Subcommands {
    private Subcommands() {
    }

    static void registerExtra(CommandLine cl) {
        // farm: run, coordinator, submit, results, worker; train: train, examples — added as they land
    }
}
