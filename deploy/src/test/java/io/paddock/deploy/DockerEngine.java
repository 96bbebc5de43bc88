package io.paddock.deploy;

import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker engine and the locally built base image the container tests need. Missing either
 * fails the test when {@code CI=true} and skips it loudly otherwise; {@code .ci/docker-engine}
 * installs and starts the engine and builds the base image (nothing is ever pulled).
 */
final class DockerEngine {
    private DockerEngine() {
    }

    /** Fails (CI) or skips (elsewhere) unless an engine answers and {@code baseImage} is in its store. */
    static void require(String baseImage) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            missing("a running Docker engine is required (none answered on DOCKER_HOST or /var/run/docker.sock)");
            return;
        }
        try {
            DockerClientFactory.instance().client().inspectImageCmd(baseImage).exec();
        } catch (NotFoundException e) {
            missing("the base image " + baseImage + " is not in the local image store");
        }
    }

    private static void missing(String what) {
        String message = what + ": run .ci/docker-engine as root (Debian's docker.io, then a debootstrap "
                + "base image with openjdk-17-jre-headless); .ci/run does this";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        System.err.println("\n***** SKIPPED: " + message + " *****\n");
        Assumptions.abort(message);
    }
}
