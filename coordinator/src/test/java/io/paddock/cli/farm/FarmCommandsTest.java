package io.paddock.cli.farm;

import io.paddock.cli.Main;
import io.paddock.coordinator.Coordinator;
import io.paddock.coordinator.CoordinatorConfig;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.RandomModelSpec;
import io.paddock.protocol.slm.RandomModels;
import io.paddock.protocol.slm.SlmFiles;
import io.paddock.protocol.slm.TokenizerSpec;
import io.paddock.worker.JvmWorker;
import io.paddock.worker.WorkerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code paddock run}, {@code submit} and {@code results} end to end, with their exit codes. */
class FarmCommandsTest {

    static CommandLine paddock() {
        CommandLine cl = Main.commandLine();
        for (Object c : new Object[] {new RunCommand(), new SubmitCommand(), new ResultsCommand(),
                new CoordinatorCommand(), new WorkerCommand()}) {
            String name = c.getClass().getAnnotation(CommandLine.Command.class).name();
            if (!cl.getSubcommands().containsKey(name)) {
                cl.addSubcommand(name, c);
            }
        }
        return cl;
    }

    static Path generation(Path dir) throws Exception {
        SlmFiles.write(RandomModels.generate(RandomModelSpec.of(1, 32, 2, 1, 64, 64, TokenizerSpec.btok(), DType.F32,
                false, 3)), dir.resolve("m.slm"));
        Files.writeString(dir.resolve("s.jsonl"), "{\"id\": \"a\", \"prompt\": \"hi\", \"expected\": \"x\", \"max_new_tokens\": 4}\n"
                + "{\"id\": \"b\", \"prompt\": \"yo\", \"expected\": \"y\", \"max_new_tokens\": 4, \"match\": \"prefix\"}\n");
        Path g = dir.resolve("g.json");
        Files.writeString(g, "{\"name\": \"cli\", \"suite\": \"s.jsonl\", \"candidates\": ["
                + "{\"id\": \"p\", \"model\": \"m.slm\", \"parent\": true}, {\"id\": \"q\", \"model\": \"m.slm\"}]}");
        return g;
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = paddock().execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void runEvaluatesLocallyAndWritesTheReports(@TempDir Path dir) throws Exception {
        Path g = generation(dir);
        Path out = dir.resolve("out");
        Run r = run("run", g.toString(), "--workers", "2", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("dashboard   http://127.0.0.1:").contains("volunteers").contains("farm ");
        assertThat(r.out()).contains("p").contains("q");
        assertThat(out.resolve("ranking.json")).content().contains("\"candidates\"");
        assertThat(out.resolve("ranking.csv")).content().startsWith("status,rank");
        assertThat(Files.readAllLines(out.resolve("evidence.jsonl"))).hasSize(4);

        Run bad = run("run", dir.resolve("missing.json").toString(), "--workers", "1");
        assertThat(bad.exit()).as(bad.err()).isEqualTo(3);
        Run usage = run("run", g.toString(), "--workers", "many");
        assertThat(usage.exit()).isEqualTo(2);
    }

    @Test
    void submitAndResultsTalkToACoordinator(@TempDir Path dir) throws Exception {
        Path g = generation(dir);
        try (Coordinator c = Coordinator.start(CoordinatorConfig.defaults(dir.resolve("data")))
                .await(60, TimeUnit.SECONDS)) {
            JvmWorker w = JvmWorker.start(c.vertx(), WorkerConfig.of(URI.create(c.url()), c.workerToken(), 1, 1,
                    dir.resolve("cache"))).await(60, TimeUnit.SECONDS);
            Run submitted = run("submit", g.toString(), "--coordinator", c.url(), "--token", c.submitToken(), "--wait");
            assertThat(submitted.exit()).as(submitted.err()).isZero();
            String id = submitted.out().lines().findFirst().orElseThrow();
            assertThat(id).startsWith("g");
            Run csv = run("results", id, "--coordinator", c.url(), "--format", "csv",
                    "--evidence", dir.resolve("e.jsonl").toString());
            assertThat(csv.exit()).as(csv.err()).isZero();
            assertThat(csv.out()).startsWith("status,rank");
            assertThat(dir.resolve("e.jsonl")).isNotEmptyFile();

            assertThat(run("submit", g.toString(), "--coordinator", c.url(), "--token", "wrong").exit()).isEqualTo(1);
            assertThat(run("results", "gnothere", "--coordinator", c.url()).exit()).isEqualTo(3);
            assertThat(run("results", id, "--coordinator", c.url(), "--format", "xml").exit()).isEqualTo(2);
            w.kill().await(10, TimeUnit.SECONDS);
        }
    }
}
