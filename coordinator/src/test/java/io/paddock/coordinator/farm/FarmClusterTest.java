package io.paddock.coordinator.farm;

import io.paddock.cli.farm.FarmClient;
import io.paddock.coordinator.Coordinator;
import io.paddock.coordinator.CoordinatorConfig;
import io.paddock.coordinator.hazelcast.HazelcastSettings;
import io.paddock.worker.JvmWorker;
import io.paddock.worker.WorkerConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two coordinators form one Hazelcast cluster in this JVM. A generation submitted to the first
 * is run by a worker connected only to the second: the second adopts the generation, fetches
 * its packages from the first, and either can serve the ranking.
 */
class FarmClusterTest {

    @Test
    void aWorkerOfOneCoordinatorRunsAGenerationSubmittedToTheOther(@TempDir Path dir) throws Exception {
        Path generation = FarmFixtures.standardGeneration(dir, 4);
        String cluster = "paddock-test-" + UUID.randomUUID();
        int portA = freePort();
        int portB = freePort();
        CoordinatorConfig a = TestFarm.config(dir.resolve("a")).withHazelcast(new HazelcastSettings(cluster, portA,
                List.of("127.0.0.1:" + portB), "127.0.0.1"));
        CoordinatorConfig b = TestFarm.config(dir.resolve("b")).withHazelcast(new HazelcastSettings(cluster, portB,
                List.of("127.0.0.1:" + portA), "127.0.0.1"))
                .withAccess(a.access());
        try (Coordinator first = Coordinator.start(a).await(60, TimeUnit.SECONDS);
             Coordinator second = Coordinator.start(b).await(60, TimeUnit.SECONDS)) {
            assertThat(second.hazelcast().getCluster().getMembers()).hasSize(2);
            JvmWorker worker = JvmWorker.start(second.vertx(), WorkerConfig.of(URI.create(second.url()),
                    second.workerToken(), 2, 1, dir.resolve("cache")).withBackoff(50, 500)).await(60, TimeUnit.SECONDS);
            FarmClient toFirst = new FarmClient(URI.create(first.url()), first.submitToken());
            String json = io.paddock.cli.farm.GenerationUpload.prepare(
                    io.paddock.protocol.generation.GenerationFiles.load(generation), toFirst, TestFarm.QUIET);
            String id = toFirst.submit(json, false).getString("id");
            long deadline = System.currentTimeMillis() + 120_000;
            JsonObject status;
            do {
                Thread.sleep(100);
                status = toFirst.status(id);
            } while (!status.getString("status").equals("done") && System.currentTimeMillis() < deadline);
            assertThat(status.getString("status")).as(status.encodePrettily()).isEqualTo("done");
            FarmClient toSecond = new FarmClient(URI.create(second.url()), second.submitToken());
            assertThat(toSecond.deterministicRanking(id)).isEqualTo(toFirst.deterministicRanking(id));
            assertThat(worker.cache().downloads()).hasSize(6);
            worker.kill().await(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
