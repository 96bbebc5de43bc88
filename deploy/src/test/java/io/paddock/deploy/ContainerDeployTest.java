package io.paddock.deploy;

import com.github.dockerjava.api.DockerClient;
import io.paddock.cli.Main;
import io.paddock.cli.farm.FarmClient;
import io.paddock.cli.farm.GenerationUpload;
import io.paddock.coordinator.rank.RankingJson;
import io.paddock.protocol.generation.GenerationFiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.ToStringConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped container image, for real: built from {@code deploy/container/Dockerfile} and the
 * packaged distribution, one coordinator container and one lab-worker container (host
 * networking, as the deploy files run them), the demo generation submitted from outside with the
 * project's own client. Mid-generation the coordinator is stopped ({@code docker stop}, SIGTERM)
 * and a new coordinator container starts on the same data folder: the generation resumes and its
 * deterministic ranking must be byte-identical to an embedded {@code paddock run} of the same
 * generation in this JVM. Then the worker (draining) and the coordinator must stop on
 * {@code docker stop} well within docker's grace period.
 */
class ContainerDeployTest {
    private static final String SUBMIT_TOKEN = "container-test-submit-token";
    private static final String WORKER_TOKEN = "container-test-worker-token";
    private static final Duration GENERATION_LIMIT = Duration.ofMinutes(5);

    private final Path root = Path.of(System.getProperty("paddock.root", "..")).toAbsolutePath().normalize();
    private final Path dist = Path.of(System.getProperty("paddock.dist", "../coordinator/target/dist"));
    private final String baseImage = System.getProperty("paddock.base.image", "paddock-base:bookworm");

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void imageRunsTheDemoGenerationAsTheEmbeddedRunDoes(@TempDir Path dir) throws Exception {
        DockerEngine.require(baseImage);
        Path generation = root.resolve("examples/demo/generation.json");
        ImageFromDockerfile image = PaddockImage.build(root, dist, baseImage);
        int port = freePort();
        String url = "http://127.0.0.1:" + port;
        ToStringConsumer coordinatorLog = new ToStringConsumer();
        ToStringConsumer workerLog = new ToStringConsumer();

        Path data = Files.createDirectories(dir.resolve("coordinator-data"));
        ToStringConsumer restartedLog = new ToStringConsumer();
        try (GenericContainer<?> coordinator = coordinator(image, port, data, coordinatorLog);
             GenericContainer<?> restarted = coordinator(image, port, data, restartedLog);
             GenericContainer<?> worker = new GenericContainer<>(image)
                .withNetworkMode("host")
                .withCommand("worker", "--coordinator", url, "--token", WORKER_TOKEN, "--slots", "2",
                        "--threads", "1", "--cache", "/var/cache/paddock")
                .withLogConsumer(workerLog)
                .waitingFor(Wait.forLogMessage(".*calibrat.*\\s*", 1).withStartupTimeout(Duration.ofMinutes(2)))) {
            coordinator.start();
            worker.start();

            FarmClient client = new FarmClient(URI.create(url), SUBMIT_TOKEN);
            String json = GenerationUpload.prepare(GenerationFiles.load(generation), client, System.err);
            String id = client.submit(json, true).getString("id"); // as paddock run: the foreign adapter fails alone

            // the coordinator is stopped mid-generation (SIGTERM) and a new one starts on the same data folder:
            // the generation resumes from its journal and result log, the worker reconnects by itself
            long doneBefore = awaitSomeProgress(client, id);
            DockerClient docker = DockerClientFactory.instance().client();
            docker.stopContainerCmd(coordinator.getContainerId()).withTimeout(60).exec();
            Long exit = docker.inspectContainerCmd(coordinator.getContainerId()).exec().getState().getExitCodeLong();
            assertThat(exit).as("coordinator exit code after SIGTERM; log:\n%s", coordinatorLog.toUtf8String())
                    .isEqualTo(143L);
            restarted.start();
            JsonObject status = awaitEnd(client, id);
            assertThat(status.getString("status")).as("generation %s: %s\ncoordinator logs:\n%s\n%s\nworker log:\n%s",
                    id, status.encode(), coordinatorLog.toUtf8String(), restartedLog.toUtf8String(),
                    workerLog.toUtf8String()).isEqualTo("done");
            assertThat(doneBefore).as("cases evaluated before the restart").isPositive();
            assertThat(restartedLog.toUtf8String()).as("the new coordinator resumed the generation with results "
                    + "from its log").containsPattern("generation " + id + " '[^']*' resumed \\(era 1\\): [1-9][0-9]* of ");
            String fromContainers = client.deterministicRanking(id);

            assertThat(fromContainers).isEqualTo(embeddedDeterministicRanking(generation, dir.resolve("embedded")));
            assertThat(metrics(url)).contains("paddock_workers{", "kind=\"jvm\"", "paddock_results_total{");

            docker.stopContainerCmd(worker.getContainerId()).withTimeout(60).exec();
            exit = docker.inspectContainerCmd(worker.getContainerId()).exec().getState().getExitCodeLong();
            // 143 = ended by the SIGTERM itself (the JVM's status once its shutdown hooks are done); 137 would
            // mean the drain hung until docker's SIGKILL.
            assertThat(exit).as("worker exit code after SIGTERM; log:\n%s", workerLog.toUtf8String()).isEqualTo(143L);
            assertThat(workerLog.toUtf8String()).contains(": draining", ": drained, stopped");

            docker.stopContainerCmd(restarted.getContainerId()).withTimeout(60).exec();
            exit = docker.inspectContainerCmd(restarted.getContainerId()).exec().getState().getExitCodeLong();
            assertThat(exit).as("coordinator exit code after SIGTERM; log:\n%s", restartedLog.toUtf8String())
                    .isEqualTo(143L);
        }
    }

    /** A coordinator container on {@code port} keeping its data in the host folder {@code data}. */
    private static GenericContainer<?> coordinator(ImageFromDockerfile image, int port, Path data, ToStringConsumer log)
            throws IOException {
        String owner = Files.getAttribute(data, "unix:uid") + ":" + Files.getAttribute(data, "unix:gid");
        return new GenericContainer<>(image)
                .withNetworkMode("host")
                .withCreateContainerCmdModifier(cmd -> cmd.withUser(owner))   // files in data/ stay the tester's
                .withFileSystemBind(data.toString(), "/var/lib/paddock", BindMode.READ_WRITE)
                .withCommand("coordinator", "--port", String.valueOf(port), "--data", "/var/lib/paddock",
                        "--token", SUBMIT_TOKEN, "--worker-token", WORKER_TOKEN)
                .withLogConsumer(log)
                .waitingFor(Wait.forLogMessage("metrics +http.*\\s*", 1).withStartupTimeout(Duration.ofMinutes(2)));
    }

    /**
     * Waits until candidates that did not fail have evaluated some cases while the generation still
     * runs (so the result log holds answers to replay; a candidate failed at submission counts its
     * cases as done at once, so failed ones are not counted). Returns those cases.
     */
    private static long awaitSomeProgress(FarmClient client, String id) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + GENERATION_LIMIT.toNanos();
        while (true) {
            JsonObject status = client.status(id);
            long done = 0;
            JsonArray candidates = status.getJsonArray("candidates");
            for (int i = 0; i < candidates.size(); i++) {
                JsonObject c = candidates.getJsonObject(i);
                if (!c.getString("state").equals("failed")) {
                    done += c.getLong("cases_done");
                }
            }
            if (done > 0 || !status.getString("status").equals("running") || System.nanoTime() > deadline) {
                assertThat(status.getString("status")).as("generation %s before the restart", id).isEqualTo("running");
                return done;
            }
            Thread.sleep(20);
        }
    }

    /** The same generation run by {@code paddock run} in this JVM: its ranking.json without timing. */
    private static String embeddedDeterministicRanking(Path generation, Path out) throws IOException {
        int exit = Main.commandLine().execute("run", generation.toString(), "--workers", "1", "--out", out.toString());
        assertThat(exit).as("embedded paddock run exit code").isZero();
        byte[] ranking = Files.readAllBytes(out.resolve("ranking.json"));
        return new String(RankingJson.deterministicSection(RankingJson.read(ranking)), StandardCharsets.UTF_8);
    }

    private static JsonObject awaitEnd(FarmClient client, String id) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + GENERATION_LIMIT.toNanos();
        while (true) {
            JsonObject status = client.status(id);
            String state = status.getString("status");
            if (state.equals("done") || state.equals("failed") || state.equals("cancelled")
                    || System.nanoTime() > deadline) {
                return status;
            }
            Thread.sleep(250);
        }
    }

    private static String metrics(String url) throws IOException, InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        return http.send(java.net.http.HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
