package io.paddock.coordinator.farm;

import io.paddock.coordinator.CoordinatorConfig;
import io.paddock.coordinator.metrics.FarmMetrics;
import io.paddock.coordinator.workers.WorkerEndpoint;
import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.Diagnostics;
import io.paddock.protocol.evidence.EvidenceDigest;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.wire.WireMessage;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anonymous volunteers are untrusted: each of their units is run by a second worker and the
 * evidence digests compared. A volunteer that sends made-up evidence is outvoted by a third
 * opinion, quarantined (disconnected, and refused when it comes back), and the ranking is the
 * one honest workers produce.
 */
class FarmVerificationTest {

    @Test
    void liarIsOutvotedAndQuarantinedWhileVolunteersAgree(@TempDir Path dir) throws Exception {
        Path generation = FarmFixtures.standardGeneration(dir, 4);
        CoordinatorConfig config = TestFarm.config(dir).withUnits(new CoordinatorConfig.Units(2, 4, 2, 256));
        try (TestFarm farm = TestFarm.start(config, dir)) {
            RawSocket liar = RawSocket.open(farm.coordinator.vertx(), farm.coordinator.port());
            liar.send(RawSocket.hello("liar", ""));
            assertThat(((WireMessage.Welcome) liar.next("welcome", 5_000)).trust()).isEqualTo(WireMessage.UNTRUSTED);
            liar.send(new WireMessage.Pull(1, 0));
            String id = farm.submit(generation, false);
            int lies = 0;
            for (; lies < 3; lies++) {
                WireMessage.Lease lease = (WireMessage.Lease) liar.next("lease", 10_000);
                List<CaseResult> made = madeUp(lease.cases());
                liar.send(new WireMessage.Result(lease.unitId(), lease.epoch(), made, EvidenceDigest.of(made),
                        new WireMessage.Timing(1, 1, 1)));
                assertThat(((WireMessage.Ack) liar.next("ack", 5_000)).outcome()).isEqualTo(WireMessage.ACCEPTED);
                liar.send(new WireMessage.Pull(1, lies + 1));
            }
            farm.addWorker("v1", "", 1);
            farm.addWorker("v2", "", 1);
            JsonObject status = farm.awaitFinished(id, 120_000);
            assertThat(status.getString("status")).as(status.encodePrettily()).isEqualTo("done");
            assertThat(liar.awaitClose(10_000)).isEqualTo(WorkerEndpoint.POLICY_VIOLATION);
            assertThat(FarmRecoveryTest.counter(farm, FarmMetrics.WORKERS_QUARANTINED)).isEqualTo(1);

            Path evidence = dir.resolve("evidence.jsonl");
            farm.client.evidence(id, evidence);
            assertThat(Files.readAllLines(evidence)).isNotEmpty()
                    .allSatisfy(l -> assertThat(l).contains("\"trust\":\"untrusted\"").doesNotContain("\"worker_id\":\"liar\""));

            try (RawSocket again = RawSocket.open(farm.coordinator.vertx(), farm.coordinator.port())) {
                again.send(RawSocket.hello("liar", ""));
                assertThat(again.awaitClose(5_000)).isEqualTo(WorkerEndpoint.POLICY_VIOLATION);
            }

            farm.addWorker("lab", farm.coordinator.workerToken(), 1);
            String honest = farm.submit(generation, false);
            assertThat(farm.awaitFinished(honest, 120_000).getString("status")).isEqualTo("done");
            assertThat(farm.client.deterministicRanking(id)).isEqualTo(farm.client.deterministicRanking(honest));
            assertThat(FarmRecoveryTest.digests(farm, id)).isEqualTo(FarmRecoveryTest.digests(farm, honest));
        }
    }

    private static List<CaseResult> madeUp(List<EvalCase> cases) {
        List<CaseResult> out = new ArrayList<>();
        for (EvalCase c : cases) {
            out.add(new CaseEvidence(c.id(), new int[] {256}, new int[] {c.expected().charAt(0)}, c.expected(), true, true,
                    1f, 0f, 0f, 1, new Diagnostics(1, 1, 1, 1, 1.0, 2, 64, "f32", 0, 1L, "", Sampling.GREEDY)));
        }
        return out;
    }
}
