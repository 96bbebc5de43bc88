package io.paddock.deploy;

import org.testcontainers.images.builder.ImageFromDockerfile;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image of {@code deploy/container/Dockerfile}, built exactly as its header says (repository
 * root as context: the distribution's jars and the run script) on a local base image.
 */
final class PaddockImage {
    private PaddockImage() {
    }

    /**
     * @param root      the repository root
     * @param dist      the coordinator module's distribution folder (holds {@code lib/})
     * @param baseImage the {@code BASE} build argument: a local image with a JRE 17+
     */
    static ImageFromDockerfile build(Path root, Path dist, String baseImage) {
        Path lib = dist.resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("no distribution at " + lib + ": the coordinator module packages it "
                    + "(mvn package -pl coordinator -am) before this module's tests run");
        }
        return new ImageFromDockerfile("paddock-test", true)
                .withFileFromPath("deploy/container/Dockerfile", root.resolve("deploy/container/Dockerfile"))
                .withFileFromPath("deploy/container/paddock", root.resolve("deploy/container/paddock"))
                .withFileFromPath("coordinator/target/dist/lib", lib)
                .withDockerfilePath("deploy/container/Dockerfile")
                .withBuildArg("BASE", baseImage);
    }
}
