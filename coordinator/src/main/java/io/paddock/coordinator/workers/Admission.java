package io.paddock.coordinator.workers;

import io.paddock.protocol.wire.WireMessage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may work: a worker presenting the worker token is trusted; one presenting no token is an
 * anonymous volunteer, admitted untrusted unless volunteers are turned away; a wrong token is
 * refused (a misconfigured lab machine should notice, not silently become a volunteer).
 */
public final class Admission {
    /** The verdict on a hello. */
    public record Verdict(boolean admitted, boolean trusted, String reason) {
    }

    private final byte[] workerToken;
    private final boolean volunteers;

    public Admission(String workerToken, boolean volunteers) {
        this.workerToken = workerToken.getBytes(StandardCharsets.UTF_8);
        this.volunteers = volunteers;
    }

    public Verdict admit(WireMessage.Hello hello) {
        if (hello.protocol() != WireMessage.VERSION) {
            return new Verdict(false, false, "protocol " + hello.protocol() + " is not supported (this coordinator speaks "
                    + WireMessage.VERSION + ")");
        }
        if (!hello.kind().equals(WireMessage.KIND_JVM) && !hello.kind().equals(WireMessage.KIND_BROWSER)) {
            return new Verdict(false, false, "unknown worker kind '" + hello.kind() + "'");
        }
        if (hello.workerId().isEmpty() || hello.workerId().contains("/")) {
            return new Verdict(false, false, "worker id must be non-empty and contain no '/'");
        }
        if (hello.token().isEmpty()) {
            return volunteers ? new Verdict(true, false, "volunteer")
                    : new Verdict(false, false, "this coordinator admits no volunteers (--no-volunteers): present a worker token");
        }
        if (MessageDigest.isEqual(workerToken, hello.token().getBytes(StandardCharsets.UTF_8))) {
            return new Verdict(true, true, "worker token");
        }
        return new Verdict(false, false, "wrong worker token");
    }
}
