package io.paddock.coordinator.flow;

/** A submission refused before any work was planned: an HTTP status and a message naming the problem. */
public final class SubmissionRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public SubmissionRejected(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
