package io.paddock.coordinator.farm;

import io.paddock.cli.farm.FarmException;
import io.paddock.coordinator.CoordinatorConfig;
import io.paddock.coordinator.recovery.GenerationJournal;
import io.paddock.coordinator.results.LogLines;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.EvidenceDigest;
import io.paddock.protocol.wire.WireMessage;
import io.paddock.worker.JvmWorker;
import io.paddock.worker.WorkerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A coordinator that stops and starts again on the same data folder (a single embedded member,
 * whose shared maps die with it): generations in flight resume from their journaled plan and
 * their result log, reusing the results logged before the restart; ranked generations are
 * served as before; cancelled ones stay cancelled; a torn last log line is ignored.
 */
class FarmRestartTest {

    @Test
    void inFlightGenerationResumesFromItsResultLog(@TempDir Path dir) throws Exception {
        int cases = 16;
        Path generation = FarmFixtures.slowGeneration(dir, cases, 40);
        // adaptive unit sizes (a short target, so a candidate is cut into several units of varying size)
        CoordinatorConfig config = TestFarm.config(dir).withListen("127.0.0.1", freePort())
                .withUnits(new CoordinatorConfig.Units(0, 0.25, 0.25, 256));
        Vertx workerVertx = Vertx.vertx();
        List<JvmWorker> workers = new ArrayList<>();
        try {
            String id;
            Path log;
            try (TestFarm first = TestFarm.start(config, dir)) {
                workers.add(worker(workerVertx, first, dir, "w1"));
                workers.add(worker(workerVertx, first, dir, "w2"));
                id = first.submit(generation, false);
                awaitCasesDone(first, id, 2 * cases / 3, 60_000);
                log = first.coordinator.config().dataDir().resolve("generations").resolve(id).resolve("results.jsonl");
                // closed without draining its workers: they keep running and reconnect
            }
            long total = 2L * cases;
            long before = casesIn(Files.readAllLines(log, StandardCharsets.UTF_8));
            assertThat(before).as("cases logged before the restart").isPositive().isLessThan(total);
            // a crash in the middle of an append leaves a torn last line
            long restartOffset = Files.size(log);
            String torn = Files.readAllLines(log, StandardCharsets.UTF_8).get(0);
            Files.writeString(log, torn.substring(0, torn.length() / 2), StandardOpenOption.APPEND);

            try (TestFarm second = TestFarm.start(config, dir)) {
                JsonObject status = second.awaitFinished(id, 60_000);
                assertThat(status.getString("status")).as(status.encodePrettily()).isEqualTo("done");
                byte[] bytes = Files.readAllBytes(log);
                int end = bytes.length;
                while (end > restartOffset && bytes[end - 1] != '\n') {
                    end--; // a line still being appended (a late answer) is not counted
                }
                String after = new String(bytes, (int) restartOffset, end - (int) restartOffset,
                        StandardCharsets.UTF_8);
                long evaluatedAfter = casesIn(after.lines().toList());
                assertThat(evaluatedAfter).as("cases evaluated after the restart").isPositive().isLessThan(total);

                String clean = second.submit(generation, false);
                assertThat(second.awaitFinished(clean, 60_000).getString("status")).isEqualTo("done");
                assertThat(second.client.deterministicRanking(id)).isEqualTo(second.client.deterministicRanking(clean));
                assertThat(FarmRecoveryTest.digests(second, id)).isEqualTo(FarmRecoveryTest.digests(second, clean));
            }
        } finally {
            for (JvmWorker w : workers) {
                w.kill().await(10, TimeUnit.SECONDS);
            }
            workerVertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void answersTheSchedulerRefusedAreNeitherLoggedNorReplayed(@TempDir Path dir) throws Exception {
        Path generation = FarmFixtures.slowGeneration(dir, 4, 8);
        CoordinatorConfig config = TestFarm.config(dir).withUnits(new CoordinatorConfig.Units(2, 4, 2, 256));
        String id;
        Path log;
        try (TestFarm first = TestFarm.start(config, dir)) {
            id = first.submit(generation, false);
            log = first.coordinator.config().dataDir().resolve("generations").resolve(id).resolve("results.jsonl");
            try (RawSocket forger = RawSocket.open(first.coordinator.vertx(), first.coordinator.port())) {
                forger.send(RawSocket.hello("forger", first.coordinator.workerToken()));
                forger.next("welcome", 5_000);
                forger.send(new WireMessage.Pull(1, 0));
                WireMessage.Lease lease = (WireMessage.Lease) forger.next("lease", 10_000);
                int from = Integer.parseInt(lease.cases().get(0).id().substring(1));
                int other = from == 0 ? 2 : 0;
                // passes the checks of a result in itself, but covers cases its lease does not hold
                List<CaseResult> wrongRange = FarmRecoveryTest.fakeResults(other, other + 2);
                forger.send(new WireMessage.Result(lease.unitId(), lease.epoch(), wrongRange,
                        EvidenceDigest.of(wrongRange), new WireMessage.Timing(1, 1, 1)));
                assertThat(((WireMessage.Ack) forger.next("ack", 5_000)).outcome()).isEqualTo(WireMessage.REJECTED);
                // the right cases under an epoch no lease has (a late answer of an expired lease, say)
                List<CaseResult> noLease = FarmRecoveryTest.fakeResults(from, from + 2);
                forger.send(new WireMessage.Result(lease.unitId(), lease.epoch() + 1000, noLease,
                        EvidenceDigest.of(noLease), new WireMessage.Timing(1, 1, 1)));
                assertThat(((WireMessage.Ack) forger.next("ack", 5_000)).outcome()).isEqualTo(WireMessage.STALE);
            }
        }
        List<String> logged = Files.isRegularFile(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        assertThat(logged).as("refused answers are not in the result log").noneMatch(l -> l.contains("forger"));

        try (TestFarm second = TestFarm.start(config, dir)) {
            second.addWorker("honest");
            assertThat(second.awaitFinished(id, 60_000).getString("status")).isEqualTo("done");
            String clean = second.submit(generation, false);
            assertThat(second.awaitFinished(clean, 60_000).getString("status")).isEqualTo("done");
            assertThat(FarmRecoveryTest.digests(second, id)).isEqualTo(FarmRecoveryTest.digests(second, clean));
            assertThat(second.client.deterministicRanking(id)).isEqualTo(second.client.deterministicRanking(clean));
        }
    }

    @Test
    void rankedAndCancelledGenerationsAreServedAfterRestart(@TempDir Path dir) throws Exception {
        Path generation = FarmFixtures.standardGeneration(dir, 3);
        CoordinatorConfig config = TestFarm.config(dir);
        String done;
        String cancelled;
        JsonObject status;
        String ranking;
        String deterministic;
        String csv;
        String evidence;
        try (TestFarm farm = TestFarm.start(config, dir)) {
            farm.addWorker("solo");
            done = farm.submit(generation, false);
            status = farm.awaitFinished(done, 60_000);
            assertThat(status.getString("status")).isEqualTo("done");
            ranking = farm.client.ranking(done, "json");
            deterministic = farm.client.deterministicRanking(done);
            csv = farm.client.ranking(done, "csv");
            evidence = evidence(farm, done, dir.resolve("before.jsonl"));
            farm.workers.get(0).drain(10_000).await();
            cancelled = farm.submit(generation, false);
            farm.client.cancel(cancelled);
        }
        try (TestFarm farm = TestFarm.start(config, dir)) {
            JsonObject again = farm.client.status(done);
            assertThat(again.getString("status")).isEqualTo("done");
            assertThat(again.getJsonArray("candidates")).isEqualTo(status.getJsonArray("candidates"));
            assertThat(again.getJsonObject("progress")).isEqualTo(status.getJsonObject("progress"));
            assertThat(farm.client.ranking(done, "json")).isEqualTo(ranking);
            assertThat(farm.client.deterministicRanking(done)).isEqualTo(deterministic);
            assertThat(farm.client.ranking(done, "csv")).isEqualTo(csv);
            assertThat(evidence(farm, done, dir.resolve("after.jsonl"))).isEqualTo(evidence);

            assertThat(farm.client.status(cancelled).getString("status")).isEqualTo("cancelled");
            assertThatThrownBy(() -> farm.client.deterministicRanking(cancelled)).isInstanceOf(FarmException.class)
                    .hasMessageContaining("cancelled");
            assertThat(Files.exists(config.dataDir().resolve("generations").resolve(done)
                    .resolve(GenerationJournal.REPORT))).isTrue();
        }
    }

    private static JvmWorker worker(Vertx vertx, TestFarm farm, Path dir, String name) throws Exception {
        WorkerConfig wc = WorkerConfig.of(URI.create(farm.coordinator.url()), farm.coordinator.workerToken(), 1, 1,
                dir.resolve("cache-" + name)).withWorkerId(name).withBackoff(50, 300);
        return JvmWorker.start(vertx, wc).await(60, TimeUnit.SECONDS);
    }

    private static void awaitCasesDone(TestFarm farm, String id, long atLeast, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (farm.client.status(id).getJsonObject("progress").getLong("cases_done") < atLeast) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("generation " + id + " did not reach " + atLeast + " cases in time");
            }
            Thread.sleep(20);
        }
    }

    /** Cases in the result lines of a log. */
    private static long casesIn(List<String> lines) {
        long n = 0;
        for (String line : lines) {
            if (!line.isBlank()) {
                LogLines.Logged l = LogLines.parse(line);
                n += l.isResult() ? l.result().results().size() : 0;
            }
        }
        return n;
    }

    private static String evidence(TestFarm farm, String id, Path file) throws IOException {
        farm.client.evidence(id, file);
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
