package io.paddock.cli.farm;

import java.io.IOException;

/** A coordinator answered with an error status; the message is the coordinator's. */
public final class FarmException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public FarmException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
