package io.paddock.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The newcomer's path through the foundation commands, on real files, with exit codes. */
class CliTest {
    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            System.setOut(po);
            System.setErr(pe);
            picocli.CommandLine cl = Main.commandLine();
            cl.setErr(new java.io.PrintWriter(pe, true));
            int code = cl.execute(args);
            po.flush();
            pe.flush();
            out = o.toString(StandardCharsets.UTF_8);
            err = e.toString(StandardCharsets.UTF_8);
            return code;
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path model(String name, String dtype, long seed) {
        Path p = dir.resolve(name);
        assertThat(run("pack", "random", "--layers", "2", "--hidden", "32", "--heads", "4", "--kv-heads", "2",
                "--ffn", "64", "--context", "48", "--tokenizer", "btok", "--dtype", dtype, "--seed", "" + seed,
                "-o", p.toString())).as(err).isZero();
        return p;
    }

    @Test
    void packIsReproducibleAndInspectShowsTheModel() throws Exception {
        Path a = model("a.slm", "f32", 11);
        Path b = model("b.slm", "f32", 11);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));

        assertThat(run("inspect", a.toString())).isZero();
        assertThat(out).contains("layers 2, hidden 32, heads 4 (kv 2, head_dim 8)", "BTOK", "verified",
                "tok_embeddings.weight", "layers.1.w3.weight", "sha256:");

        assertThat(run("inspect", "--json", a.toString())).isZero();
        assertThat(out).contains("\"parameter_count\"", "\"tensor_layout\"", "\"file_ok\" : true");
    }

    @Test
    void quantizeAndAdaptersOfEveryKind() throws Exception {
        Path base = model("base.slm", "f32", 5);
        Path q4 = dir.resolve("q4.slm");
        assertThat(run("pack", "quantize", base.toString(), "--dtype", "q4_0", "-o", q4.toString())).as(err).isZero();
        assertThat(Files.size(q4)).isLessThan(Files.size(base) / 3);
        for (String kind : new String[] {"dense", "sparse", "lowrank"}) {
            Path ad = dir.resolve(kind + ".adp");
            assertThat(run("adapter", "random", "--model", base.toString(), "--kind", kind, "--seed", "9",
                    "--scale", "0.5", "--tensors", "layers.*.w?.weight", "-o", ad.toString())).as(err).isZero();
            assertThat(run("inspect", ad.toString())).isZero();
            assertThat(out).contains("binds to", "layers.0.wq.weight");
            assertThat(run("generate", q4.toString(), "--adapter", ad.toString(), "--prompt", "hi",
                    "--max-new-tokens", "4", "--json")).as(err).isZero();
            assertThat(out).contains("\"adapter_count\" : 1", "\"output_tokens\"");
        }
    }

    @Test
    void parentBoundAdapterRefusesAnotherModel() {
        Path base = model("p.slm", "f32", 1);
        Path other = model("o.slm", "q8_0", 1);
        Path ad = dir.resolve("bound.alr1");
        assertThat(run("adapter", "random", "--model", base.toString(), "--kind", "lowrank", "--bind-parent",
                "--seed", "2", "-o", ad.toString())).isZero();
        assertThat(run("generate", base.toString(), "--adapter", ad.toString(), "--prompt", "x",
                "--max-new-tokens", "2")).as(err).isZero();
        assertThat(run("generate", other.toString(), "--adapter", ad.toString(), "--prompt", "x")).isEqualTo(3);
        assertThat(err).contains("AdapterMismatch", "parent");
    }

    @Test
    void corruptInputExitsThreeWithRuleAndOffset() throws Exception {
        Path m = model("m.slm", "q8_0", 3);
        byte[] bytes = Files.readAllBytes(m);
        bytes[bytes.length / 2] ^= 0x10;
        Path bad = dir.resolve("bad.slm");
        Files.write(bad, bytes);
        assertThat(run("inspect", bad.toString())).isEqualTo(3);
        assertThat(err.strip()).doesNotContain("\n").contains("InvalidHeader (6)", "offset 100");

        Files.write(bad, new byte[] {'A', 'D', 'P', '1', 0, 0});
        assertThat(run("inspect", bad.toString())).isEqualTo(3);
        assertThat(err).contains("InvalidAdapter");

        assertThat(run("inspect", dir.resolve("missing.slm").toString())).isEqualTo(3);
        assertThat(err).contains("no such file");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("pack", "random", "--layers", "1")).isEqualTo(2);
        assertThat(run("pack", "random", "--layers", "1", "--hidden", "30", "--heads", "4", "--ffn", "8",
                "--context", "8", "--seed", "1", "-o", dir.resolve("x.slm").toString())).isEqualTo(2);
        assertThat(err).contains("hidden must be a multiple of heads");
        assertThat(run("frobnicate")).isEqualTo(2);
    }

    @Test
    void evalWritesEvidenceAndSummary() throws Exception {
        Path m = model("e.slm", "f32", 4);
        Path suite = dir.resolve("suite.jsonl");
        Files.writeString(suite, "{\"id\":\"one\",\"prompt\":\"ab\",\"expected\":\"cd\",\"max_new_tokens\":3}\n"
                + "{\"id\":\"two\",\"prompt\":\"xy\",\"expected\":\"z\",\"max_new_tokens\":2,\"match\":\"contains\"}\n");
        Path outDir = dir.resolve("out");
        assertThat(run("eval", m.toString(), "--suite", suite.toString(), "--out", outDir.toString())).as(err).isZero();
        assertThat(out).contains("pass rate", "evidence    sha256:");
        assertThat(Files.readAllLines(outDir.resolve("evidence.jsonl"))).hasSize(2);
        assertThat(Files.readString(outDir.resolve("summary.json"))).contains("\"evidence_digest\"", "\"pass_rate_95ci\"");

        Files.writeString(suite, "{\"id\":\"one\",\"prompt\":\"ab\"}\n");
        assertThat(run("eval", m.toString(), "--suite", suite.toString())).isEqualTo(3);
        assertThat(err).contains("suite.jsonl:1");
    }

    @Test
    void trainModelAndAdapterAreReproducible() throws Exception {
        String[] model = {"train", "model", "--dim", "32", "--layers", "1", "--heads", "2", "--ffn", "64",
                "--context", "32", "--steps", "3", "--batch", "4", "--eval-cases", "2", "--threads", "1"};
        Path a = dir.resolve("ta.slm");
        Path b = dir.resolve("tb.slm");
        assertThat(run(concat(model, "-o", a.toString()))).as(err).isZero();
        assertThat(run(concat(model, "-o", b.toString()))).as(err).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));

        Path lora = dir.resolve("t.alr1");
        assertThat(run("train", "adapter", "--parent", a.toString(), "--rank", "2", "--steps", "2", "--batch", "4",
                "--eval-cases", "2", "--threads", "1", "-o", lora.toString())).as(err).isZero();
        assertThat(run("inspect", lora.toString())).isZero();
        assertThat(out).contains("ALR1", "rank 2", "parent        sha256:");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
