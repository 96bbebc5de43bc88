package io.paddock.browser.e2e;

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

/**
 * A generation for the browser farm tests, written into a folder: an f32 parent (4 layers, hidden
 * 192, BPE tokenizer), its q8_0 and q4_0 forms and one adapter of each kind, {@code cases} cases of
 * {@code tokens} new tokens with stochastic sampling. Large enough that a browser unit takes a
 * second or more (so a tab can be closed in the middle of one).
 */
final class E2eGeneration {
    private E2eGeneration() {
    }

    static Path write(Path dir, int cases, int tokens) throws IOException {
        return write(dir, cases, tokens, false);
    }

    /** With {@code parentOnly}, the generation has the f32 parent alone (one package to fetch). */
    static Path write(Path dir, int cases, int tokens, boolean parentOnly) throws IOException {
        Files.createDirectories(dir);
        SlmModel f32 = RandomModels.generate(RandomModelSpec.of(4, 192, 4, 2, 512, 256, TokenizerSpec.bpe(600),
                DType.F32, false, 77));
        SlmModel q8 = ModelConverter.convert(f32, DType.Q8_0, 32);
        SlmModel q4 = ModelConverter.convert(f32, DType.Q4_0, 32);
        SlmFiles.write(f32, dir.resolve("base-f32.slm"));
        SlmFiles.write(q8, dir.resolve("base-q8.slm"));
        SlmFiles.write(q4, dir.resolve("base-q4.slm"));
        adapter(dir.resolve("dense.adp1"), f32, AdapterKind.DENSE, 81, "layers.3.*");
        adapter(dir.resolve("sparse.asp1"), f32, AdapterKind.SPARSE, 82, "*");
        adapter(dir.resolve("lowrank.alr1"), f32, AdapterKind.LOW_RANK, 83, "layers.*.w?.weight");
        List<EvalCase> list = new ArrayList<>();
        String[] prompts = {"Once upon a time", "The cat sat", "1 + 1 =", "Hello", "the theme", "Paddock",
            "q: why?", "zebra", "Grüße", "ok"};
        for (int i = 0; i < cases; i++) {
            list.add(new EvalCase("c" + i, prompts[i % prompts.length] + " " + i, i % 3 == 0 ? " the" : " a",
                    tokens, MatchRule.values()[i % 3]));
        }
        Files.writeString(dir.resolve("suite.jsonl"), SuiteWriter.toJsonl(new Suite("suite", list)), StandardCharsets.UTF_8);
        String json = "{\"name\": \"browser-e2e\", \"suite\": \"suite.jsonl\","
                + " \"sampling\": {\"temperature\": 0.9, \"top_k\": 40, \"top_p\": 0.95, \"seed\": 1234},"
                + " \"objectives\": {\"quality\": 1, \"loglik\": 1, \"size\": 0.25},"
                + " \"candidates\": ["
                + "{\"id\": \"parent\", \"model\": \"base-f32.slm\", \"parent\": true}"
                + (parentOnly ? "" : ","
                + "{\"id\": \"q8\", \"model\": \"base-q8.slm\"},"
                + "{\"id\": \"q4\", \"model\": \"base-q4.slm\"},"
                + "{\"id\": \"dense\", \"model\": \"base-f32.slm\", \"adapters\": [\"dense.adp1\"]},"
                + "{\"id\": \"sparse\", \"model\": \"base-q8.slm\", \"adapters\": [\"sparse.asp1\"]},"
                + "{\"id\": \"lowrank\", \"model\": \"base-q4.slm\", \"adapters\": [\"lowrank.alr1\"]}")
                + "]}";
        Path file = dir.resolve("generation.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    private static void adapter(Path file, SlmModel base, AdapterKind kind, long seed, String tensors) throws IOException {
        Adapter a = RandomAdapters.generate(base, null,
                RandomAdapterSpec.defaults(kind, seed).withTensors(tensors).withDensity(0.05));
        Files.write(file, AdapterWriter.write(a));
    }
}
