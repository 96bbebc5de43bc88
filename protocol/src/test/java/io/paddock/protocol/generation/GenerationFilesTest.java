package io.paddock.protocol.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.suite.SuiteLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationFilesTest {
    @TempDir
    Path dir;
    Path gen;

    @BeforeEach
    void layOutFiles() throws IOException {
        Files.createDirectories(dir.resolve("gens"));
        Files.createDirectories(dir.resolve("models"));
        Files.createDirectories(dir.resolve("adapters"));
        Files.createDirectories(dir.resolve("suites"));
        Files.write(dir.resolve("models/base.slm"), new byte[] {1, 2, 3});
        Files.write(dir.resolve("adapters/a.adp"), new byte[] {4});
        Files.writeString(dir.resolve("suites/arith.jsonl"),
                "{\"id\":\"q1\",\"prompt\":\"1+1=\",\"expected\":\"2\",\"max_new_tokens\":2}\n");
        gen = dir.resolve("gens/gen.json");
    }

    private void writeGeneration(String suite, String candidates) throws IOException {
        Files.writeString(gen, "{\"name\":\"g\",\"suite\":" + suite + ",\"candidates\":" + candidates + "}");
    }

    @Test
    void resolvesPathsAgainstTheFilesDirectoryAndLoadsTheSuite() throws IOException {
        writeGeneration("\"../suites/arith.jsonl\"", "[{\"id\":\"base\",\"model\":\"../models/base.slm\",\"parent\":true},"
                + "{\"id\":\"c1\",\"model\":\"../models/base.slm\",\"adapters\":[\"../adapters/a.adp\"]}]");
        GenerationFiles.LocalGeneration g = GenerationFiles.load(gen);
        assertThat(g.file()).isEqualTo(gen);
        assertThat(g.suite().name()).isEqualTo("../suites/arith.jsonl");
        assertThat(g.suite().cases()).hasSize(1);
        assertThat(g.candidates()).hasSize(2);
        assertThat(g.candidates().get(0).model()).isEqualTo(dir.resolve("models/base.slm").toAbsolutePath().normalize());
        assertThat(g.candidates().get(0).adapters()).isEmpty();
        assertThat(g.candidates().get(1).adapters())
                .containsExactly(dir.resolve("adapters/a.adp").toAbsolutePath().normalize());
        assertThat(g.candidates().get(1).spec().id()).isEqualTo("c1");
        assertThat(g.spec().parent().orElseThrow().id()).isEqualTo("base");
    }

    @Test
    void inlineSuitesNeedNoFile() throws IOException {
        writeGeneration("[{\"id\":\"q\",\"prompt\":\"p\",\"expected\":\"e\",\"max_new_tokens\":1}]",
                "[{\"id\":\"a\",\"model\":\"../models/base.slm\"}]");
        assertThat(GenerationFiles.load(gen).suite().cases()).hasSize(1);
    }

    @Test
    void missingFilesNameTheCandidateFieldAndPath() throws IOException {
        writeGeneration("\"../suites/arith.jsonl\"", "[{\"id\":\"a\",\"model\":\"../models/base.slm\"},"
                + "{\"id\":\"c2\",\"model\":\"../models/base.slm\",\"adapters\":[\"../adapters/a.adp\",\"../adapters/gone.alr\"]}]");
        assertThatThrownBy(() -> GenerationFiles.load(gen))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SUITE);
                    assertThat(e.rule()).isEqualTo(gen + ": candidate \"c2\", field 'candidates[1].adapters[1]': file not found");
                    assertThat(e.badValue()).isEqualTo(dir.resolve("adapters/gone.alr").toAbsolutePath().normalize().toString());
                });
        writeGeneration("\"../suites/arith.jsonl\"", "[{\"id\":\"a\",\"model\":\"../models\"}]");
        assertThatThrownBy(() -> GenerationFiles.load(gen))
                .hasMessageContaining("candidate \"a\", field 'candidates[0].model': not a regular file");
        writeGeneration("\"nope.jsonl\"", "[{\"id\":\"a\",\"model\":\"../models/base.slm\"}]");
        assertThatThrownBy(() -> GenerationFiles.load(gen))
                .hasMessageContaining(gen + ": field 'suite': file not found")
                .hasMessageContaining("nope.jsonl");
        assertThatThrownBy(() -> GenerationFiles.load(dir.resolve("absent.json")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("absent.json: generation file not found");
    }

    @Test
    void digestsAreNotPathsInAFile() throws IOException {
        writeGeneration("\"../suites/arith.jsonl\"", "[{\"id\":\"a\",\"model\":\"" + GenerationParserTest.D1 + "\"}]");
        assertThatThrownBy(() -> GenerationFiles.load(gen))
                .hasMessageContaining("candidate \"a\", field 'candidates[0].model' is a digest; a generation file "
                        + "references packages by path");
    }

    @Test
    void suiteErrorsUseTheSuitesNameAndLine() throws IOException {
        Files.writeString(dir.resolve("suites/bad.jsonl"),
                "{\"id\":\"q1\",\"prompt\":\"1+1=\",\"expected\":\"2\",\"max_new_tokens\":2}\n"
                + "{\"id\":\"q2\",\"prompt\":\"1+1=\",\"expected\":\"2\",\"max_new_tokens\":0}\n");
        writeGeneration("\"../suites/bad.jsonl\"", "[{\"id\":\"a\",\"model\":\"../models/base.slm\"}]");
        assertThatThrownBy(() -> GenerationFiles.load(gen))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.rule())
                        .isEqualTo("../suites/bad.jsonl:2: field 'max_new_tokens' must be ≥ 1"));
    }

    @Test
    void fileSizesAreBoundedBeforeParsing() throws IOException {
        writeGeneration("\"../suites/arith.jsonl\"", "[{\"id\":\"a\",\"model\":\"../models/base.slm\"}]");
        GenerationLimits tiny = new GenerationLimits(20, 10, 10, SuiteLimits.DEFAULT);
        assertThatThrownBy(() -> GenerationFiles.load(gen, tiny))
                .hasMessageContaining("generation file larger than 20 bytes");
        GenerationLimits tinySuite = new GenerationLimits(1 << 20, 10, 10, new SuiteLimits(10, 100, 10));
        assertThatThrownBy(() -> GenerationFiles.load(gen, tinySuite))
                .hasMessageContaining(gen + ": field 'suite': suite file larger than 10 bytes");
    }

    @Test
    void generationFileMustBeUtf8() throws IOException {
        Files.write(gen, new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'});
        assertThatThrownBy(() -> GenerationFiles.load(gen))
                .hasMessageContaining(gen + ":1: invalid UTF-8 (overlong encoding) at offset 2");
        Files.write(gen, "[]".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> GenerationFiles.load(gen)).hasMessageContaining(gen + ": value must be a JSON object");
        assertThat(List.of(gen)).hasSize(1);
    }
}
