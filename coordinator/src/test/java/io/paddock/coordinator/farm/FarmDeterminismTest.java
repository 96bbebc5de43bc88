package io.paddock.coordinator.farm;

import io.paddock.coordinator.CoordinatorConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same generation (stochastic sampling) run with one worker, with three workers, and with
 * two different fixed shard sizes gives byte-identical deterministic ranking sections and the
 * same evidence digest for every candidate.
 */
class FarmDeterminismTest {

    record Outcome(String deterministic, Map<String, String> digests) {
    }

    @Test
    void rankingAndDigestsDoNotDependOnWorkersOrShards(@TempDir Path dir) throws Exception {
        Path generation = FarmFixtures.standardGeneration(dir, 9);
        Outcome oneWorker;
        Outcome threeWorkers;
        Path a = dir.resolve("adaptive");
        try (TestFarm farm = TestFarm.start(TestFarm.config(a), a)) {
            farm.addWorker("solo");
            oneWorker = run(farm, generation);
            farm.addWorker("second");
            farm.addWorker("third");
            threeWorkers = run(farm, generation);
        }
        Outcome singleCaseUnits = runWithShards(dir.resolve("shard1"), generation, 1, 3);
        Outcome fourCaseUnits = runWithShards(dir.resolve("shard4"), generation, 4, 2);

        assertThat(oneWorker.digests()).hasSize(6).allSatisfy((id, d) -> assertThat(d).startsWith("sha256:"));
        for (Outcome o : new Outcome[] {threeWorkers, singleCaseUnits, fourCaseUnits}) {
            assertThat(o.deterministic()).isEqualTo(oneWorker.deterministic());
            assertThat(o.digests()).isEqualTo(oneWorker.digests());
        }
    }

    private static Outcome runWithShards(Path dir, Path generation, int cases, int workers) throws Exception {
        CoordinatorConfig config = TestFarm.config(dir).withUnits(new CoordinatorConfig.Units(cases, 4, 2, 256));
        try (TestFarm farm = TestFarm.start(config, dir)) {
            for (int i = 0; i < workers; i++) {
                farm.addWorker("w" + i);
            }
            return run(farm, generation);
        }
    }

    static Outcome run(TestFarm farm, Path generation) throws Exception {
        String id = farm.submit(generation, false);
        JsonObject status = farm.awaitFinished(id, 120_000);
        assertThat(status.getString("status")).as(status.encodePrettily()).isEqualTo("done");
        Map<String, String> digests = new LinkedHashMap<>();
        JsonArray candidates = status.getJsonArray("candidates");
        for (int i = 0; i < candidates.size(); i++) {
            JsonObject c = candidates.getJsonObject(i);
            digests.put(c.getString("id"), c.getString("evidence_digest"));
        }
        return new Outcome(farm.client.deterministicRanking(id), digests);
    }
}
