package io.paddock.coordinator.farm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One JVM, a real embedded Hazelcast member, real WebSockets: a generation of six candidates
 * (f32, q8_0 and q4_0 models; a dense, a sparse and a low-rank adapter) completes and ranks.
 */
class FarmEndToEndTest {

    @Test
    void generationOfEveryKindCompletesAndRanks(@TempDir Path dir) throws Exception {
        Path generation = FarmFixtures.standardGeneration(dir, 8);
        try (TestFarm farm = TestFarm.start(TestFarm.config(dir), dir)) {
            farm.addWorker("w1");
            farm.addWorker("w2");
            String id = farm.submit(generation, false);
            JsonObject status = farm.awaitFinished(id, 120_000);
            assertThat(status.getString("status")).as(status.encodePrettily()).isEqualTo("done");
            JsonArray candidates = status.getJsonArray("candidates");
            assertThat(candidates).hasSize(6);
            for (int i = 0; i < candidates.size(); i++) {
                assertThat(candidates.getJsonObject(i).getString("state")).isEqualTo("complete");
                assertThat(candidates.getJsonObject(i).getString("evidence_digest")).startsWith("sha256:");
            }
            JsonObject ranking = new JsonObject(farm.client.ranking(id, "json"));
            assertThat(ranking.getJsonArray("candidates")).hasSize(6);
            assertThat(ranking.getJsonArray("failed")).isEmpty();
            assertThat(farm.client.ranking(id, "csv")).startsWith("status,rank,id").contains("lowrank");
            assertThat(farm.client.ranking(id, "table")).contains("parent");
            Path evidence = dir.resolve("evidence.jsonl");
            farm.client.evidence(id, evidence);
            assertThat(java.nio.file.Files.readAllLines(evidence)).hasSize(6 * 8)
                    .allSatisfy(l -> assertThat(l).contains("\"worker_kind\":\"jvm\"").contains("\"trust\":\"trusted\""));
            // Each model package is downloaded at most once per worker (three models, two candidates each).
            for (var w : farm.workers) {
                assertThat(w.cache().downloads().values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
            }
        }
    }
}
