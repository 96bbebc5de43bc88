package io.paddock.cli;

import io.paddock.protocol.slm.DType;
import io.paddock.vector.bench.BenchTable;
import io.paddock.vector.bench.DecodeBench;
import io.paddock.vector.bench.DecodeBenchReport;
import io.paddock.vector.bench.ModelShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code paddock bench}: decode tokens/s for the scalar and SIMD paths and N threads, with a
 * memory-bandwidth probe measured in the same run, so every figure is also a fraction of the
 * bandwidth ceiling (bytes read per token ÷ bytes/s) and reads the same on another machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Decode speed of the runtime on a random model of a known shape: scalar vs SIMD, 1 vs N "
                + "threads, each figure beside the memory-bandwidth ceiling measured in the same run.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--shape", defaultValue = "stories15m",
            description = "stories15m, stories42m, stories110m or tiny (default ${DEFAULT-VALUE})")
    String shape;

    @Option(names = "--dtype", split = ",", description = "f32, q8_0, q4_0 (comma-separated; default all)")
    List<String> dtypes = new ArrayList<>();

    @Option(names = "--threads", description = "threads of the multi-threaded run (default: every core)")
    Integer threads;

    @Option(names = "--tokens", description = "tokens generated per run (default: min(128, context/2))")
    Integer tokens;

    @Option(names = "--runs", defaultValue = "7", description = "timed runs per setup, taking turns with the other setups; median reported (default 7)")
    int runs;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed warm-up runs per setup (default 2)")
    int warmup;

    @Option(names = "--warmup-seconds", defaultValue = "3",
            description = "and at least this much warm-up time per setup: the JIT needs seconds (default 3)")
    int warmupSeconds;

    @Option(names = "--no-scalar", description = "skip the (slow) scalar reference path")
    boolean noScalar;

    @Override
    public Integer call() {
        DecodeBench.Settings defaults = DecodeBench.Settings.of(ModelShape.named(shape));
        DecodeBench.Settings s = defaults.withRuns(warmup, warmupSeconds * 1000L, runs).withKernels(!noScalar, true);
        if (!dtypes.isEmpty()) {
            List<DType> list = new ArrayList<>();
            for (String d : dtypes) {
                list.add(DType.fromLabel(d));
            }
            s = s.withDtypes(list);
        }
        if (threads != null) {
            s = s.withThreads(threads);
        }
        if (tokens != null) {
            s = s.withNewTokens(tokens);
        }
        DecodeBenchReport report = new DecodeBench().run(s, line -> System.err.println("bench: " + line));
        System.out.print(BenchTable.render(report));
        return ExitCode.OK;
    }
}
