package io.paddock.trainer.examples;

import io.paddock.protocol.generation.GenerationFiles;
import io.paddock.protocol.generation.GenerationParser;
import io.paddock.protocol.generation.GenerationWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The tiny plan makes the same examples directory twice (1 and 2 threads), and it loads as a generation. */
class ExampleMakerTest {

    @Test
    void makesTheSameFilesTwiceAndTheGenerationResolves(@TempDir Path dir) throws IOException {
        List<String> log = new ArrayList<>();
        ExampleReport report = ExampleMaker.make(ExamplePlan.tiny(), dir.resolve("a"), 2, log::add);
        ExampleMaker.make(ExamplePlan.tiny(), dir.resolve("b"), 1, line -> { });
        Map<String, byte[]> a = files(dir.resolve("a"));
        Map<String, byte[]> b = files(dir.resolve("b"));
        assertThat(a.keySet()).containsExactlyElementsOf(b.keySet());
        for (String name : a.keySet()) {
            assertThat(a.get(name)).as(name).isEqualTo(b.get(name));
        }
        assertThat(a.keySet()).contains("parent.slm", "parent-q8_0.slm", "parent-q4_0.slm", "suites/reverse.jsonl",
                "suites/add.jsonl", "suites/demo.jsonl", "adapters/add-lora.alr1", "adapters/dense-heavy.adp1",
                "adapters/sparse-light.asp1", "adapters/lowrank-medium.alr1", "adapters/foreign.alr1",
                "demo/generation.json");

        GenerationFiles.LocalGeneration g = GenerationFiles.load(dir.resolve("a/demo/generation.json"));
        assertThat(g.suite().size()).isEqualTo(8);
        assertThat(g.candidates()).hasSize(14);
        assertThat(g.spec().parent().orElseThrow().id()).isEqualTo("parent");
        String text = Files.readString(dir.resolve("a/demo/generation.json"));
        assertThat(GenerationWriter.write(GenerationParser.parse(text, "demo")))
                .isEqualTo(GenerationWriter.write(g.spec()));

        assertThat(report.demo().get("foreign").failure()).contains("ADAPTER_MISMATCH");
        assertThat(report.demo().get("parent").failure()).isNull();
        assertThat(report.render()).contains("held-out suite suites/reverse.jsonl", "foreign");
        assertThat(log).anyMatch(l -> l.startsWith("parent step 20/20"));
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
