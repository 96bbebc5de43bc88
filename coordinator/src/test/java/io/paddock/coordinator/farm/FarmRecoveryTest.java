package io.paddock.coordinator.farm;

import io.paddock.coordinator.CoordinatorConfig;
import io.paddock.coordinator.metrics.FarmMetrics;
import io.paddock.coordinator.schedule.ActiveLease;
import io.paddock.coordinator.schedule.CandidateWork;
import io.paddock.coordinator.schedule.UnitId;
import io.paddock.coordinator.schedule.WorkUnit;
import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.Diagnostics;
import io.paddock.protocol.evidence.EvidenceDigest;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.wire.WireMessage;
import io.paddock.worker.JvmWorker;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workers that die or lose their connection mid-unit. A killed worker's lease expires and its
 * unit is run elsewhere; the generation ranks as a clean run does, and a late result from the
 * dead lease is acknowledged as stale and ignored. A worker whose connection drops reconnects
 * and delivers its result under its original lease.
 */
class FarmRecoveryTest {

    /** A unit leased to {@code workerId} right now. */
    record HeldLease(String unitId, long epoch, int from, int to) {
    }

    @Test
    void killedWorkersUnitIsRerunAndItsLateResultIgnored(@TempDir Path dir) throws Exception {
        Path generation = FarmFixtures.slowGeneration(dir, 6, 150);
        CoordinatorConfig config = TestFarm.config(dir).withUnits(new CoordinatorConfig.Units(3, 4, 2, 256));
        try (TestFarm farm = TestFarm.start(config, dir)) {
            JvmWorker victim = farm.addWorker("victim");
            String id = farm.submit(generation, false);
            HeldLease dead = awaitLease(farm, "victim", 30_000);
            victim.kill().await();
            farm.workers.remove(victim);
            farm.addWorker("rescuer");
            JsonObject status = farm.awaitFinished(id, 120_000);
            assertThat(status.getString("status")).as(status.encodePrettily()).isEqualTo("done");
            assertThat(counter(farm, FarmMetrics.LEASES_EXPIRED)).isGreaterThanOrEqualTo(1);

            // The dead lease's result arrives late: stale, ignored.
            try (RawSocket late = RawSocket.open(farm.coordinator.vertx(), farm.coordinator.port())) {
                late.send(RawSocket.hello("victim", farm.coordinator.workerToken()));
                late.next("welcome", 5_000);
                List<CaseResult> fake = fakeResults(dead.from(), dead.to());
                late.send(new WireMessage.Result(dead.unitId(), dead.epoch(), fake, EvidenceDigest.of(fake),
                        new WireMessage.Timing(1, 1, 1)));
                WireMessage.Ack ack = (WireMessage.Ack) late.next("ack", 5_000);
                assertThat(ack.outcome()).isEqualTo(WireMessage.STALE);
            }

            // Same ranking as a clean run.
            String clean = farm.submit(generation, false);
            assertThat(farm.awaitFinished(clean, 120_000).getString("status")).isEqualTo("done");
            assertThat(farm.client.deterministicRanking(id)).isEqualTo(farm.client.deterministicRanking(clean));
            assertThat(digests(farm, id)).isEqualTo(digests(farm, clean));
        }
    }

    @Test
    void workerThatReconnectsDeliversUnderItsLease(@TempDir Path dir) throws Exception {
        Path generation = FarmFixtures.slowGeneration(dir, 4, 150);
        CoordinatorConfig config = TestFarm.config(dir).withUnits(new CoordinatorConfig.Units(2, 4, 2, 256));
        try (TestFarm farm = TestFarm.start(config, dir)) {
            JvmWorker flaky = farm.addWorker("flaky");
            String id = farm.submit(generation, false);
            awaitLease(farm, "flaky", 30_000);
            long deadline = System.currentTimeMillis() + 30_000;
            while (flaky.runningUnits() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            flaky.dropConnection();
            JsonObject status = farm.awaitFinished(id, 120_000);
            assertThat(status.getString("status")).as(status.encodePrettily()).isEqualTo("done");
            assertThat(counter(farm, FarmMetrics.LEASES_EXPIRED)).isZero();
            assertThat(flaky.completedUnits()).isEqualTo(4);
        }
    }

    @Test
    void drainingWorkerFinishesWhatItHoldsAndTakesNothingMore(@TempDir Path dir) throws Exception {
        Path generation = FarmFixtures.slowGeneration(dir, 4, 150);
        CoordinatorConfig config = TestFarm.config(dir).withUnits(new CoordinatorConfig.Units(2, 4, 2, 256));
        try (TestFarm farm = TestFarm.start(config, dir)) {
            JvmWorker leaver = farm.addWorker("leaver");
            String id = farm.submit(generation, false);
            long deadline = System.currentTimeMillis() + 30_000;
            while (leaver.runningUnits() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            leaver.drain(30_000).await();
            farm.workers.remove(leaver);
            assertThat(leaver.completedUnits()).as("it finished what it held").isGreaterThanOrEqualTo(1);
            farm.addWorker("stayer");
            JsonObject status = farm.awaitFinished(id, 120_000);
            assertThat(status.getString("status")).isEqualTo("done");
            assertThat(counter(farm, FarmMetrics.LEASES_EXPIRED)).isZero();
        }
    }

    static HeldLease awaitLease(TestFarm farm, String workerId, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            for (Object o : farm.coordinator.hazelcast().getMap("paddock.work").values()) {
                CandidateWork w = (CandidateWork) o;
                for (WorkUnit u : w.units()) {
                    for (ActiveLease l : u.leases()) {
                        if (l.workerId().equals(workerId)) {
                            return new HeldLease(new UnitId(w.generationId(), w.candidate(), u.index()).toString(),
                                    l.epoch(), u.from(), u.to());
                        }
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(workerId + " never held a lease");
    }

    static double counter(TestFarm farm, String name) {
        var c = farm.coordinator.meterRegistry().find(name).counter();
        return c == null ? 0 : c.count();
    }

    static JsonObject digests(TestFarm farm, String id) throws Exception {
        JsonObject out = new JsonObject();
        for (Object o : farm.client.status(id).getJsonArray("candidates")) {
            JsonObject c = (JsonObject) o;
            out.put(c.getString("id"), c.getString("evidence_digest"));
        }
        return out;
    }

    static List<CaseResult> fakeResults(int from, int to) {
        List<CaseResult> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(new CaseEvidence("c" + i, new int[] {256, 97}, new int[] {98}, "b", true, false, 0.5f, -1f, -1f,
                    1, new Diagnostics(2, 1, 10, 10, 100.0, 3, 1024, "f32", 0, 42L, "", Sampling.GREEDY)));
        }
        return out;
    }
}
