package io.paddock.cli;

/** Exit codes of every paddock command. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int INVALID_INPUT = 3;

    private ExitCode() {
    }
}
