package io.paddock.coordinator.farm;

import io.paddock.cli.farm.FarmClient;
import io.paddock.cli.farm.FarmException;
import io.paddock.coordinator.CoordinatorConfig;
import io.paddock.coordinator.workers.WorkerEndpoint;
import io.paddock.protocol.suite.SuiteWriter;
import io.paddock.protocol.wire.WireMessage;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad requests get clear answers and disturb nothing: missing or wrong tokens, malformed
 * generations, unknown digests, corrupt and oversized packages, unknown or unfinished
 * generations (4xx with a message naming the problem), and protocol violations on the worker
 * socket (close codes 1008, 1003, 1009). One coordinator serves every case, and a generation
 * still runs to completion afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FarmApiTest {
    private static final int MAX_PACKAGE = 400_000;
    private static final int MAX_FRAME = 32 * 1024;

    Path dir;
    TestFarm farm;
    String modelDigest;
    String adapterDigest;
    String suiteJson;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        CoordinatorConfig config = TestFarm.config(dir)
                .withLimits(new CoordinatorConfig.Limits(MAX_PACKAGE, 1 << 20, MAX_FRAME))
                .withAccess(new CoordinatorConfig.Access("submit-secret", "worker-secret", false));
        farm = TestFarm.start(config, dir);
        FarmFixtures.standardGeneration(dir, 3);
        modelDigest = farm.client.upload(dir.resolve("base-f32.slm")).getString("digest");
        adapterDigest = farm.client.upload(dir.resolve("dense.adp1")).getString("digest");
        suiteJson = SuiteWriter.toJsonArray(FarmFixtures.suite(3, 4)).toJson();
    }

    @AfterAll
    void stop() {
        farm.close();
    }

    private String generation(String candidates) {
        return "{\"name\": \"g\", \"suite\": " + suiteJson + ", \"candidates\": [" + candidates + "]}";
    }

    private static void rejected(Executable call, int status, String... fragments) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(FarmException.class, e -> {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
            for (String f : fragments) {
                assertThat(e.getMessage()).contains(f);
            }
        });
    }

    @Test
    void writesNeedTheSubmitToken() {
        FarmClient anonymous = new FarmClient(URI.create(farm.coordinator.url()), null);
        FarmClient wrong = new FarmClient(URI.create(farm.coordinator.url()), "guess");
        String ok = generation("{\"id\": \"a\", \"model\": \"" + modelDigest + "\"}");
        rejected(() -> anonymous.upload(dir.resolve("base-q8.slm")), 401, "submit token");
        rejected(() -> wrong.upload(dir.resolve("base-q8.slm")), 403, "wrong submit token");
        rejected(() -> anonymous.submit(ok, false), 401, "submit token");
        rejected(() -> wrong.submit(ok, false), 403);
        rejected(() -> anonymous.cancel("g0"), 401);
    }

    @Test
    void malformedGenerationsAreRejectedBeforeAnyWork() {
        FarmClient c = farm.client;
        rejected(() -> c.submit("{\"name\": ", false), 400, "generation");
        rejected(() -> c.submit(generation("{\"id\": \"a\", \"model\": \"" + modelDigest + "\", \"colour\": 1}"), false),
                400, "unknown field 'candidates[0].colour'");
        rejected(() -> c.submit(generation(""), false), 400, "at least one candidate");
        rejected(() -> c.submit(generation("{\"id\": \"a\", \"model\": \"base.slm\"}"), false), 400,
                "candidates[0].model", "sha256");
        rejected(() -> c.submit(generation("{\"id\": \"a\", \"model\": \"sha256:" + "0".repeat(64) + "\"}"), false),
                422, "candidate 'a'", "unknown to this coordinator");
        rejected(() -> c.submit(generation("{\"id\": \"a\", \"model\": \"" + adapterDigest + "\"}"), false),
                422, "adapter package, not a model");
        rejected(() -> c.submit("{\"name\": \"g\", \"suite\": [{\"id\": \"x\", \"prompt\": \"p\"}], \"candidates\": "
                + "[{\"id\": \"a\", \"model\": \"" + modelDigest + "\"}]}", false), 400, "missing field 'suite[0].expected'");
    }

    @Test
    void packagesAreVerifiedOnArrivalAndBounded() throws Exception {
        FarmClient c = farm.client;
        Path garbage = dir.resolve("garbage.bin");
        Files.write(garbage, "definitely not a package".getBytes());
        rejected(() -> c.upload(garbage), 422, "package refused", "SLM1");
        byte[] truncated = Files.readAllBytes(dir.resolve("base-f32.slm"));
        Files.write(dir.resolve("truncated.slm"), Arrays.copyOf(truncated, truncated.length / 2));
        rejected(() -> c.upload(dir.resolve("truncated.slm")), 422, "package refused");
        Path big = dir.resolve("big.bin");
        Files.write(big, new byte[MAX_PACKAGE + 1]);
        rejected(() -> c.upload(big), 413, "exceeds the limit");
        assertThat(c.upload(dir.resolve("base-f32.slm")).getString("digest")).isEqualTo(modelDigest);

        HttpClient http = HttpClient.newHttpClient();
        String base = farm.coordinator.url() + "/v1/packages/";
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "sha256:" + "1".repeat(64))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "sha256:XYZ")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(base + modelDigest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length").orElse(-1))
                .isEqualTo(Files.size(dir.resolve("base-f32.slm")));
    }

    @Test
    void unknownAndUnfinishedGenerationsAnswerPrecisely() throws Exception {
        FarmClient c = farm.client;
        rejected(() -> c.status("gnothere"), 404, "unknown");
        rejected(() -> c.ranking("gnothere", "json"), 404, "unknown");
        rejected(() -> c.cancel("gnothere"), 404, "unknown");
        String id = c.submit(generation("{\"id\": \"a\", \"model\": \"" + modelDigest + "\"}"), false).getString("id");
        rejected(() -> c.ranking(id, "json"), 409, "not ready");
        rejected(() -> c.ranking(id, "xml"), 400, "format");
        assertThat(c.cancel(id).getString("status")).isEqualTo("cancelled");
        rejected(() -> c.cancel(id), 409, "cannot be cancelled");
        rejected(() -> c.ranking(id, "json"), 409, "cancelled");
        assertThat(c.status(id).getString("status")).isEqualTo("cancelled");
    }

    @Test
    void protocolViolationsCloseTheWorkerSocket() throws Exception {
        var vertx = farm.coordinator.vertx();
        int port = farm.coordinator.port();
        try (RawSocket s = RawSocket.open(vertx, port)) {
            s.send(new WireMessage.Pull(1, 0));
            assertThat(s.awaitClose(5_000)).isEqualTo(WorkerEndpoint.POLICY_VIOLATION);
        }
        try (RawSocket s = RawSocket.open(vertx, port)) {
            s.sendText("{\"type\": \"hello\", ");
            assertThat(s.awaitClose(5_000)).isEqualTo(WorkerEndpoint.POLICY_VIOLATION);
        }
        try (RawSocket s = RawSocket.open(vertx, port)) {
            s.send(RawSocket.hello("intruder", "not-the-token"));
            assertThat(s.awaitClose(5_000)).isEqualTo(WorkerEndpoint.POLICY_VIOLATION);
        }
        try (RawSocket s = RawSocket.open(vertx, port)) {
            s.send(RawSocket.hello("volunteer", ""));
            assertThat(s.awaitClose(5_000)).as("--no-volunteers").isEqualTo(WorkerEndpoint.POLICY_VIOLATION);
        }
        try (RawSocket s = RawSocket.open(vertx, port)) {
            s.sendBinary(new byte[] {1, 2, 3});
            assertThat(s.awaitClose(5_000)).isEqualTo(WorkerEndpoint.UNSUPPORTED_DATA);
        }
        try (RawSocket s = RawSocket.open(vertx, port, 4096)) {
            s.sendText("{\"type\": \"pull\", \"pad\": \"" + "x".repeat(MAX_FRAME * 2) + "\"}");
            assertThat(s.awaitClose(5_000)).as("oversized message").isEqualTo((short) 1009);
        }
        try (RawSocket s = RawSocket.open(vertx, port)) {
            s.send(new WireMessage.Hello(99, "future", WireMessage.KIND_JVM, "worker-secret", 1, 1, false,
                    new WireMessage.Calibration("ref-v1", 1), java.util.List.of()));
            assertThat(s.awaitClose(5_000)).isEqualTo(WorkerEndpoint.POLICY_VIOLATION);
        }
        try (RawSocket s = RawSocket.open(vertx, port)) {
            s.send(RawSocket.hello("lab", "worker-secret"));
            WireMessage.Welcome w = (WireMessage.Welcome) s.next("welcome", 5_000);
            assertThat(w.trust()).isEqualTo(WireMessage.TRUSTED);
            s.send(new WireMessage.Result("not/a/unit/id", 1, java.util.List.of(), "sha256:x",
                    new WireMessage.Timing(0, 0, 0)));
            assertThat(s.awaitClose(5_000)).isEqualTo(WorkerEndpoint.POLICY_VIOLATION);
        }
    }

    @Test
    void afterAllThatAGenerationStillRuns() throws Exception {
        farm.addWorker("steady", "worker-secret", 2);
        String id = farm.client.submit(generation("{\"id\": \"a\", \"model\": \"" + modelDigest + "\", \"parent\": true},"
                + "{\"id\": \"b\", \"model\": \"" + modelDigest + "\", \"adapters\": [\"" + adapterDigest + "\"]}"), false)
                .getString("id");
        JsonObject status = farm.awaitFinished(id, 60_000);
        assertThat(status.getString("status")).isEqualTo("done");
    }
}
