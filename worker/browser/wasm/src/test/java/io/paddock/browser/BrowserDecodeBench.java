package io.paddock.browser;

import io.paddock.protocol.json.JsonNumber;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.RandomModels;
import io.paddock.protocol.slm.SlmWriter;
import io.paddock.vector.bench.DecodeBench;
import io.paddock.vector.bench.DecodeBenchReport;
import io.paddock.vector.bench.DecodeFigure;
import io.paddock.vector.bench.ModelShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser decode bench (not part of the test suite: its name does not end in Test; run it with
 * {@code mvn -pl worker/browser/wasm -am test -Dtest=BrowserDecodeBench -Dsurefire.failIfNoSpecifiedTests=false}).
 * stories15M shape, seeded random weights, f32 and q8_0: decode tokens/s in headless Chromium with the
 * SIMD128 kernels and with the scalar wasm, beside the JVM's single-thread Vector API figure measured in
 * the same run (the vector module's {@link DecodeBench}, same prompt, token count and median rule).
 * Prints a table and writes it to {@code target…/bench/browser-decode.txt}.
 */
class BrowserDecodeBench {
    private static final ModelShape SHAPE = ModelShape.STORIES_15M;
    private static final long SEED = 1L;
    private static final int NEW_TOKENS = 128;
    /** Browser warm-up runs (the JVM side uses its bench's own: at least 2 runs and 3 s). */
    private static final int WARMUP = 3;
    /** Timed runs, as the JVM bench's default. */
    private static final int RUNS = 5;

    @Test
    void decodeSpeedInChromiumBesideTheJvm(@TempDir Path profile) throws IOException {
        List<DType> dtypes = List.of(DType.F32, DType.Q8_0);
        List<String> lines = new ArrayList<>();
        lines.add("shape " + SHAPE.describe() + ", " + NEW_TOKENS + " new tokens, median of " + RUNS + " runs after "
                + WARMUP + " warm-up runs");

        DecodeBenchReport jvm = new DecodeBench().run(DecodeBench.Settings.of(SHAPE).withDtypes(dtypes).withThreads(1)
                .withKernels(false, true).withNewTokens(NEW_TOKENS), System.out::println);

        try (TestServer server = new TestServer(); ConformancePage page = new ConformancePage(server, profile)) {
            lines.add(String.format(Locale.ROOT, "%-6s %-28s %10s %10s %10s %8s", "dtype", "setup", "tok/s", "min", "max",
                    "vs JVM"));
            for (DType dtype : dtypes) {
                DecodeFigure reference = null;
                for (DecodeFigure f : jvm.figures()) {
                    if (f.dtype().equals(dtype.label()) && f.simd() && f.threads() == 1) {
                        reference = f;
                    }
                }
                assertThat(reference).as("JVM SIMD figure for %s (run with the Vector API)", dtype).isNotNull();
                lines.add(String.format(Locale.ROOT, "%-6s %-28s %10.1f %10.1f %10.1f %8s", dtype.label(),
                        "JVM " + reference.kernels() + " 1 thread", reference.tokensPerSecond(),
                        reference.minTokensPerSecond(), reference.maxTokensPerSecond(), "100%"));
                byte[] bytes = SlmWriter.toBytes(RandomModels.generate(SHAPE.spec(dtype, SEED)));
                String digest = server.put(bytes);
                for (boolean simd : new boolean[] {true, false}) {
                    Map<String, Object> spec = new LinkedHashMap<>();
                    spec.put("simd", simd);
                    spec.put("digest", digest);
                    spec.put("newTokens", NEW_TOKENS);
                    spec.put("warmup", WARMUP);
                    spec.put("runs", RUNS);
                    spec.put("release", !simd);
                    JsonObject figure = page.call("bench", spec);
                    assertThat(figure.has("error")).as("%s", figure).isFalse();
                    double median = ((JsonNumber) figure.get("median")).toDouble();
                    lines.add(String.format(Locale.ROOT, "%-6s %-28s %10.1f %10.1f %10.1f %7.0f%%", dtype.label(),
                            "Chromium wasm " + (simd ? "SIMD128" : "scalar"), median,
                            ((JsonNumber) figure.get("min")).toDouble(), ((JsonNumber) figure.get("max")).toDouble(),
                            100 * median / reference.tokensPerSecond()));
                }
            }
        }
        String table = String.join("\n", lines) + "\n";
        System.out.println(table);
        Path out = Path.of(System.getProperty("user.dir"), "target" + System.getProperty("paddock.build.suffix", ""),
                "bench", "browser-decode.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }
}
