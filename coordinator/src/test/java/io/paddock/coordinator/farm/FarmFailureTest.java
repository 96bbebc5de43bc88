package io.paddock.coordinator.farm;

import io.paddock.cli.farm.FarmException;
import io.paddock.protocol.adapter.AdapterKind;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.ModelConverter;
import io.paddock.protocol.slm.RandomModelSpec;
import io.paddock.protocol.slm.RandomModels;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.TokenizerSpec;
import io.paddock.protocol.suite.SuiteWriter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A candidate that cannot run fails alone with its typed cause while the others rank: an adapter
 * that does not bind to its model, a package the coordinator refused as corrupt, and a package
 * that went bad on the coordinator's disk after it was verified (every worker that fetches it
 * reports the same failure, and two such reports fail the candidate).
 */
class FarmFailureTest {

    @Test
    void incompatibleAdapterAndCorruptPackageFailAloneWhileOthersRank(@TempDir Path dir) throws Exception {
        SlmModel base = FarmFixtures.base(11);
        FarmFixtures.write(dir, "base.slm", base);
        FarmFixtures.write(dir, "base-q8.slm", ModelConverter.convert(base, DType.Q8_0, 32));
        SlmModel other = RandomModels.generate(RandomModelSpec.of(1, 64, 2, 1, 64, 96, TokenizerSpec.btok(), DType.F32,
                false, 3));
        FarmFixtures.adapter(dir, "foreign.adp1", other, AdapterKind.DENSE, 4);
        byte[] corrupt = Files.readAllBytes(FarmFixtures.write(dir, "corrupt.slm", FarmFixtures.base(12)));
        corrupt[corrupt.length / 2] ^= 0x40;
        Files.write(dir.resolve("corrupt.slm"), corrupt);
        Files.writeString(dir.resolve("suite.jsonl"), SuiteWriter.toJsonl(FarmFixtures.suite(5, 4)), StandardCharsets.UTF_8);
        Path generation = dir.resolve("generation.json");
        Files.writeString(generation, "{\"name\": \"mixed\", \"suite\": \"suite.jsonl\", \"candidates\": ["
                + "{\"id\": \"parent\", \"model\": \"base.slm\", \"parent\": true},"
                + "{\"id\": \"foreign\", \"model\": \"base.slm\", \"adapters\": [\"foreign.adp1\"]},"
                + "{\"id\": \"corrupt\", \"model\": \"corrupt.slm\"},"
                + "{\"id\": \"q8\", \"model\": \"base-q8.slm\"}]}");

        try (TestFarm farm = TestFarm.start(TestFarm.config(dir), dir)) {
            farm.addWorker("w1");
            assertThatThrownBy(() -> farm.submit(generation, false))
                    .isInstanceOfSatisfying(FarmException.class, e -> assertThat(e.status()).isEqualTo(422))
                    .hasMessageContaining("candidate 'foreign'").hasMessageContaining("does not bind");

            String id = farm.submit(generation, true);
            JsonObject status = farm.awaitFinished(id, 60_000);
            assertThat(status.getString("status")).isEqualTo("done");
            JsonObject ranking = new JsonObject(farm.client.ranking(id, "json"));
            assertThat(ids(ranking.getJsonArray("candidates"))).containsExactlyInAnyOrder("parent", "q8");
            Map<String, JsonObject> failed = byId(ranking.getJsonArray("failed"));
            assertThat(failed.keySet()).containsExactlyInAnyOrder("foreign", "corrupt");
            assertThat(failed.get("foreign").getString("code")).isEqualTo("AdapterMismatch");
            assertThat(failed.get("foreign").getString("cause")).contains("does not bind").contains("parameter_count");
            assertThat(failed.get("corrupt").getString("cause")).contains("refused on upload");
        }
    }

    @Test
    void packageCorruptedAfterArrivalFailsTheCandidateOnceTwoWorkersAgree(@TempDir Path dir) throws Exception {
        SlmModel base = FarmFixtures.base(11);
        Path good = FarmFixtures.write(dir, "base.slm", base);
        Path rotting = FarmFixtures.write(dir, "rotting.slm", FarmFixtures.base(13));
        Files.writeString(dir.resolve("suite.jsonl"), SuiteWriter.toJsonl(FarmFixtures.suite(4, 4)), StandardCharsets.UTF_8);
        try (TestFarm farm = TestFarm.start(TestFarm.config(dir), dir)) {
            String goodDigest = farm.client.upload(good).getString("digest");
            String badDigest = farm.client.upload(rotting).getString("digest");
            Path blob = dir.resolve("data").resolve("packages").resolve(badDigest.substring("sha256:".length()));
            byte[] bytes = Files.readAllBytes(blob);
            bytes[200] ^= 1;
            Files.write(blob, bytes);
            farm.addWorker("w1");
            farm.addWorker("w2");
            String json = "{\"name\": \"rot\", \"suite\": " + SuiteWriter.toJsonArray(FarmFixtures.suite(4, 4)).toJson()
                    + ", \"candidates\": [{\"id\": \"parent\", \"model\": \"" + goodDigest + "\", \"parent\": true},"
                    + "{\"id\": \"rotten\", \"model\": \"" + badDigest + "\"}]}";
            String id = farm.client.submit(json, false).getString("id");
            JsonObject status = farm.awaitFinished(id, 60_000);
            assertThat(status.getString("status")).isEqualTo("done");
            JsonObject rotten = byId(status.getJsonArray("candidates")).get("rotten");
            assertThat(rotten.getString("state")).isEqualTo("failed");
            assertThat(rotten.getJsonObject("failure").getString("code")).isEqualTo("ModelNotLoaded");
            assertThat(rotten.getJsonObject("failure").getString("cause")).contains("hash to their digest");
            assertThat(byId(status.getJsonArray("candidates")).get("parent").getString("state")).isEqualTo("complete");
        }
    }

    static Map<String, JsonObject> byId(JsonArray array) {
        Map<String, JsonObject> out = new HashMap<>();
        for (Object o : array) {
            JsonObject j = (JsonObject) o;
            out.put(j.getString("id"), j);
        }
        return out;
    }

    static java.util.List<String> ids(JsonArray array) {
        return new java.util.ArrayList<>(byId(array).keySet());
    }
}
