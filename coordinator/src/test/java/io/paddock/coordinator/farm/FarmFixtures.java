package io.paddock.coordinator.farm;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterKind;
import io.paddock.protocol.adapter.AdapterWriter;
import io.paddock.protocol.adapter.RandomAdapterSpec;
import io.paddock.protocol.adapter.RandomAdapters;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.ModelConverter;
import io.paddock.protocol.slm.RandomModelSpec;
import io.paddock.protocol.slm.RandomModels;
import io.paddock.protocol.slm.SlmFiles;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.TokenizerSpec;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.MatchRule;
import io.paddock.protocol.suite.Suite;
import io.paddock.protocol.suite.SuiteWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Seeded tiny packages and generation files for farm tests, written into a test's folder. */
final class FarmFixtures {
    private FarmFixtures() {
    }

    static SlmModel base(long seed) {
        return RandomModels.generate(RandomModelSpec.of(1, 32, 2, 1, 64, 96, TokenizerSpec.btok(), DType.F32, false, seed));
    }

    static Path write(Path dir, String name, SlmModel model) throws IOException {
        Path file = dir.resolve(name);
        SlmFiles.write(model, file);
        return file;
    }

    static Path adapter(Path dir, String name, SlmModel base, AdapterKind kind, long seed) throws IOException {
        Adapter a = RandomAdapters.generate(base, null, RandomAdapterSpec.defaults(kind, seed).withDensity(0.2));
        Path file = dir.resolve(name);
        Files.write(file, AdapterWriter.write(a));
        return file;
    }

    static Suite suite(int cases, int maxNewTokens) {
        List<EvalCase> out = new ArrayList<>();
        String[] prompts = {"ab", "hello", "1+1=", "the cat", "xyz", "paddock", "q:", "zz top", "mmm", "ok?"};
        for (int i = 0; i < cases; i++) {
            MatchRule rule = MatchRule.values()[i % 3];
            out.add(new EvalCase("c" + i, prompts[i % prompts.length] + i, i % 4 == 0 ? "a" : "the", maxNewTokens, rule));
        }
        return new Suite("suite", out);
    }

    /**
     * A slower generation for recovery tests: a larger f32 model (4 layers, hidden 256) and a
     * dense descendant, {@code cases} cases of {@code tokens} new tokens each, greedy.
     */
    static Path slowGeneration(Path dir, int cases, int tokens) throws IOException {
        SlmModel base = RandomModels.generate(RandomModelSpec.of(4, 256, 4, 4, 768, 512, TokenizerSpec.btok(),
                DType.F32, false, 5));
        write(dir, "slow.slm", base);
        adapter(dir, "slow.adp1", base, AdapterKind.DENSE, 6);
        Files.writeString(dir.resolve("slow.jsonl"), SuiteWriter.toJsonl(suite(cases, tokens)), StandardCharsets.UTF_8);
        String json = "{\"name\": \"slow\", \"suite\": \"slow.jsonl\", \"candidates\": ["
                + "{\"id\": \"parent\", \"model\": \"slow.slm\", \"parent\": true},"
                + "{\"id\": \"child\", \"model\": \"slow.slm\", \"adapters\": [\"slow.adp1\"]}]}";
        Path file = dir.resolve("slow.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    /** The standard six-candidate generation: f32 parent, q8_0, q4_0, and one adapter of each kind. */
    static Path standardGeneration(Path dir, int cases) throws IOException {
        SlmModel f32 = base(11);
        SlmModel q8 = ModelConverter.convert(f32, DType.Q8_0, 32);
        SlmModel q4 = ModelConverter.convert(f32, DType.Q4_0, 32);
        write(dir, "base-f32.slm", f32);
        write(dir, "base-q8.slm", q8);
        write(dir, "base-q4.slm", q4);
        adapter(dir, "dense.adp1", f32, AdapterKind.DENSE, 21);
        adapter(dir, "sparse.asp1", f32, AdapterKind.SPARSE, 22);
        adapter(dir, "lowrank.alr1", f32, AdapterKind.LOW_RANK, 23);
        Files.writeString(dir.resolve("suite.jsonl"), SuiteWriter.toJsonl(suite(cases, 6)), StandardCharsets.UTF_8);
        String json = "{\"name\": \"standard\", \"suite\": \"suite.jsonl\","
                + " \"sampling\": {\"temperature\": 0.8, \"top_k\": 20, \"top_p\": 0.95, \"seed\": 7},"
                + " \"objectives\": {\"quality\": 1, \"loglik\": 1, \"size\": 0.25},"
                + " \"candidates\": ["
                + "{\"id\": \"parent\", \"model\": \"base-f32.slm\", \"parent\": true},"
                + "{\"id\": \"q8\", \"model\": \"base-q8.slm\"},"
                + "{\"id\": \"q4\", \"model\": \"base-q4.slm\"},"
                + "{\"id\": \"dense\", \"model\": \"base-f32.slm\", \"adapters\": [\"dense.adp1\"]},"
                + "{\"id\": \"sparse\", \"model\": \"base-q8.slm\", \"adapters\": [\"sparse.asp1\"]},"
                + "{\"id\": \"lowrank\", \"model\": \"base-q4.slm\", \"adapters\": [\"lowrank.alr1\"]}"
                + "]}";
        Path file = dir.resolve("generation.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }
}
