package io.paddock.vector.bench;

import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.RandomModels;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.suite.Sampling;
import io.paddock.runtime.generate.GenerationResult;
import io.paddock.runtime.generate.Generator;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.kernel.ScalarKernels;
import io.paddock.runtime.model.CostModel;
import io.paddock.runtime.model.Model;
import io.paddock.vector.ParallelKernels;
import io.paddock.vector.Q4TileCache;
import io.paddock.vector.VectorKernels;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decode tokens/s of a seeded random model of a named shape, per dtype, for the scalar kernels
 * on one thread, the Vector API kernels on one thread and on N threads; each figure beside the
 * memory-bandwidth ceiling measured in the same run (weight bytes read per token ÷ streaming
 * bytes/s). Each setup runs warm-up generations first (a fresh JVM is far slower); then the
 * timed greedy generations of all setups of a dtype take turns (one run of each, round after
 * round), so a slow spell of a shared host falls on every setup alike and the ratios between
 * them hold; each figure is the median of its runs.
 */
public final class DecodeBench {
    /** The prompt every run starts from. */
    public static final String PROMPT = "Once upon a time";

    /**
     * What to measure.
     *
     * @param threads    threads of the multi-threaded setup (1 = no such setup)
     * @param newTokens  tokens generated per run (greedy; fewer if the model emits EOS)
     * @param warmupRuns   untimed generations before the timed ones, per setup (at least)
     * @param warmupMillis and at least this much warm-up time per setup (the JIT needs seconds)
     * @param runs       timed generations per setup (the median is reported)
     * @param scalar     include the scalar reference kernels
     * @param simd       include the Vector API kernels (when available)
     */
    public record Settings(ModelShape shape, List<DType> dtypes, int threads, int newTokens, int warmupRuns,
                           long warmupMillis, int runs, boolean scalar, boolean simd, long seed) {
        public Settings {
            if (shape == null || dtypes == null || dtypes.isEmpty()) {
                throw new IllegalArgumentException("a shape and at least one dtype are required");
            }
            dtypes = List.copyOf(dtypes);
            if (threads < 1 || threads > ParallelKernels.MAX_THREADS) {
                throw new IllegalArgumentException("threads must be in 1.." + ParallelKernels.MAX_THREADS + ": " + threads);
            }
            if (newTokens < 2 || newTokens >= shape.context()) {
                throw new IllegalArgumentException("new tokens must be in 2.." + (shape.context() - 1) + " for context "
                        + shape.context() + ": " + newTokens);
            }
            if (warmupRuns < 0 || warmupMillis < 0 || runs < 1) {
                throw new IllegalArgumentException("warm-up runs and time must be >= 0 and runs >= 1: " + warmupRuns
                        + ", " + warmupMillis + ", " + runs);
            }
            if (!scalar && !simd) {
                throw new IllegalArgumentException("at least one of scalar and simd must be measured");
            }
        }

        /**
         * All dtypes, every available processor, 128 tokens, warm-up of at least 2 runs and 3 s, 5 timed runs,
         * scalar and SIMD, seed 1.
         */
        public static Settings of(ModelShape shape) {
            return new Settings(shape, List.of(DType.values()), Runtime.getRuntime().availableProcessors(),
                    Math.min(128, shape.context() / 2), 2, 3000, 5, true, true, 1L);
        }

        public Settings withDtypes(List<DType> d) {
            return new Settings(shape, d, threads, newTokens, warmupRuns, warmupMillis, runs, scalar, simd, seed);
        }

        public Settings withThreads(int t) {
            return new Settings(shape, dtypes, t, newTokens, warmupRuns, warmupMillis, runs, scalar, simd, seed);
        }

        public Settings withRuns(int warmup, long warmupTimeMillis, int timed) {
            return new Settings(shape, dtypes, threads, newTokens, warmup, warmupTimeMillis, timed, scalar, simd, seed);
        }

        public Settings withNewTokens(int n) {
            return new Settings(shape, dtypes, threads, n, warmupRuns, warmupMillis, runs, scalar, simd, seed);
        }

        public Settings withKernels(boolean withScalar, boolean withSimd) {
            return new Settings(shape, dtypes, threads, newTokens, warmupRuns, warmupMillis, runs, withScalar, withSimd,
                    seed);
        }
    }

    private final MemoryBandwidthProbe probe;

    public DecodeBench() {
        this(new MemoryBandwidthProbe());
    }

    public DecodeBench(MemoryBandwidthProbe probe) {
        this.probe = probe;
    }

    /** Runs the whole benchmark; {@code progress} receives one line per step. */
    public DecodeBenchReport run(Settings s, Consumer<String> progress) {
        progress.accept("memory bandwidth probe…");
        BandwidthResult bw1 = probe.measure(1);
        BandwidthResult bwN = s.threads() > 1 ? probe.measure(s.threads()) : bw1;
        boolean vector = s.simd() && VectorKernels.isAvailable();
        String notes = s.simd() && !vector
                ? "Vector API unavailable (run with --add-modules jdk.incubator.vector on a 256-bit machine): "
                + "multi-threaded figures use the scalar kernels"
                : "";
        List<DecodeFigure> figures = new ArrayList<>();
        for (DType dtype : s.dtypes()) {
            progress.accept("building a random " + s.shape().name() + " " + dtype.label() + " model…");
            SlmModel slm = RandomModels.generate(s.shape().spec(dtype, s.seed()));
            Model model = Model.of(slm);
            long bytes = CostModel.bytesPerToken(slm);
            List<Runner> runners = new ArrayList<>();
            Q4TileCache tiles = new Q4TileCache();
            try {
                for (Setup setup : setups(s, vector)) {
                    progress.accept(dtype.label() + " " + setup.describe() + ": warming up…");
                    Runner runner = Runner.of(setup, setup.create(tiles), model, s.runs());
                    runners.add(runner);
                    runner.warmUp(s);
                }
                progress.accept(dtype.label() + ": " + s.runs() + " timed rounds, setups taking turns…");
                for (int i = 0; i < s.runs(); i++) {
                    for (Runner runner : runners) {
                        runner.time(s, i);
                    }
                }
                int[] firstTokens = runners.get(0).tokens;
                for (Runner r : runners) {
                    BandwidthResult bw = r.setup.threads > 1 ? bwN : bw1;
                    double[] sorted = r.rates.clone();
                    Arrays.sort(sorted);
                    figures.add(new DecodeFigure(dtype.label(), r.kernels.name(), r.setup.simd, r.setup.threads,
                            median(sorted), sorted[0], sorted[sorted.length - 1], r.tokens.length, bytes,
                            bw.bytesPerSecond() / bytes, Arrays.equals(firstTokens, r.tokens)));
                }
            } finally {
                runners.forEach(Runner::close);
            }
        }
        return new DecodeBenchReport(s.shape(), s.newTokens(), bw1, bwN, figures, notes);
    }

    private static double median(double[] sorted) {
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static List<Setup> setups(Settings s, boolean vector) {
        List<Setup> setups = new ArrayList<>();
        if (s.scalar()) {
            setups.add(new Setup(false, 1));
        }
        if (vector) {
            setups.add(new Setup(true, 1));
        }
        if (s.threads() > 1 && (vector || s.simd())) {
            setups.add(new Setup(vector, s.threads()));
        }
        return setups;
    }

    /** One setup's kernels and generator, its timed rates and the ids of its last run. */
    private static final class Runner {
        final Setup setup;
        final Kernels kernels;
        final Generator generator;
        final Model model;
        final double[] rates;
        int[] tokens = new int[0];

        /** A runner over {@code kernels}, which are closed if the runner cannot be made. */
        static Runner of(Setup setup, Kernels kernels, Model model, int runs) {
            try {
                return new Runner(setup, kernels, model, runs);
            } catch (RuntimeException | Error e) {
                if (kernels instanceof ParallelKernels p) {
                    p.close();
                }
                throw e;
            }
        }

        private Runner(Setup setup, Kernels kernels, Model model, int runs) {
            this.setup = setup;
            this.kernels = kernels;
            this.generator = new Generator(kernels, model);
            this.model = model;
            this.rates = new double[runs];
        }

        void warmUp(Settings s) {
            long warmupEnd = System.nanoTime() + s.warmupMillis() * 1_000_000L;
            for (int i = 0; i < s.warmupRuns() || System.nanoTime() - warmupEnd < 0; i++) {
                generator.generate(model, PROMPT.getBytes(StandardCharsets.UTF_8), s.newTokens(), Sampling.GREEDY);
            }
        }

        void time(Settings s, int run) {
            GenerationResult r = generator.generate(model, PROMPT.getBytes(StandardCharsets.UTF_8), s.newTokens(),
                    Sampling.GREEDY);
            tokens = r.outputTokens();
            int generated = tokens.length;
            // the first token comes from the prefill's logits: the decode loop ran generated - 1 passes
            long nanos = r.diagnostics().decodeNanos();
            rates[run] = generated > 1 && nanos > 0 ? (generated - 1) * 1e9 / nanos : 0.0;
        }

        void close() {
            if (kernels instanceof ParallelKernels p) {
                p.close();
            }
        }
    }

    /** One kernel setup: scalar or SIMD, on some threads. */
    private record Setup(boolean simd, int threads) {
        Kernels create(Q4TileCache tiles) {
            Kernels base = simd ? new VectorKernels(tiles) : new ScalarKernels();
            return threads == 1 ? base : new ParallelKernels(base, threads);
        }

        String describe() {
            return (simd ? "SIMD" : "scalar") + ", " + threads + (threads == 1 ? " thread" : " threads");
        }
    }
}
