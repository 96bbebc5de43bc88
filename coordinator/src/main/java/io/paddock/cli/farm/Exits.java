package io.paddock.cli.farm;

import io.paddock.cli.ExitCode;

import java.io.PrintStream;

/** How a coordinator's refusal becomes an exit code: a bad request is invalid input (3), the rest 1. */
final class Exits {
    private Exits() {
    }

    static int refused(FarmException e, PrintStream err, String command) {
        err.println("paddock " + command + ": " + e.getMessage() + " (HTTP " + e.status() + ")");
        return e.status() == 400 || e.status() == 404 || e.status() == 413 || e.status() == 422
                ? ExitCode.INVALID_INPUT : ExitCode.FAILURE;
    }
}
