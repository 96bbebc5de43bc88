package io.paddock.coordinator.farm;

import io.paddock.cli.farm.FarmClient;
import io.paddock.cli.farm.GenerationUpload;
import io.paddock.coordinator.Coordinator;
import io.paddock.coordinator.CoordinatorConfig;
import io.paddock.protocol.generation.GenerationFiles;
import io.paddock.worker.JvmWorker;
import io.paddock.worker.WorkerConfig;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A coordinator and in-process JVM workers for a test; closed at the end of the test. */
final class TestFarm implements AutoCloseable {
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    final Coordinator coordinator;
    final FarmClient client;
    final List<JvmWorker> workers = new ArrayList<>();
    private final Path dir;

    private TestFarm(Coordinator coordinator, Path dir) {
        this.coordinator = coordinator;
        this.client = new FarmClient(URI.create(coordinator.url()), coordinator.submitToken());
        this.dir = dir;
    }

    /** Test timing: 2 s leases, 250 ms heartbeats, 100 ms sweeps. */
    static CoordinatorConfig config(Path dir) {
        return CoordinatorConfig.defaults(dir.resolve("data"))
                .withTiming(new CoordinatorConfig.Timing(2_000, 250, 100))
                .withPolicy(new io.paddock.coordinator.schedule.SchedulePolicy(5, 5, 0));
    }

    static TestFarm start(CoordinatorConfig config, Path dir) throws Exception {
        Coordinator c = Coordinator.start(config).await(60, TimeUnit.SECONDS);
        return new TestFarm(c, dir);
    }

    JvmWorker addWorker(String name) throws Exception {
        return addWorker(name, coordinator.workerToken(), 1);
    }

    JvmWorker addWorker(String name, String token, int slots) throws Exception {
        WorkerConfig wc = WorkerConfig.of(URI.create(coordinator.url()), token, slots, 1, dir.resolve("cache-" + name))
                .withWorkerId(name).withBackoff(50, 500);
        JvmWorker w = JvmWorker.start(coordinator.vertx(), wc).await(60, TimeUnit.SECONDS);
        workers.add(w);
        return w;
    }

    String submit(Path generationFile, boolean failInvalid) throws IOException {
        String json = GenerationUpload.prepare(GenerationFiles.load(generationFile), client, QUIET);
        return client.submit(json, failInvalid).getString("id");
    }

    JsonObject awaitFinished(String id, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            JsonObject s = client.status(id);
            String status = s.getString("status");
            if (status.equals("done") || status.equals("failed") || status.equals("cancelled")) {
                return s;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("generation " + id + " did not finish in time: " + s.encodePrettily());
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        for (JvmWorker w : workers) {
            try {
                w.kill().await(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        coordinator.close();
    }
}
