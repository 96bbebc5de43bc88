package io.paddock.vector.bench;

import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.kernel.ScalarKernels;
import io.paddock.vector.VectorKernels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bench library runs end to end on small sizes (speed itself is never asserted). */
class BenchSmokeTest {

    @Test
    void bandwidthProbeReportsAPositiveRate() {
        MemoryBandwidthProbe probe = new MemoryBandwidthProbe(8, 2);
        BandwidthResult one = probe.measure(1);
        BandwidthResult two = probe.measure(2);
        assertThat(one.bytes()).isEqualTo(8L << 20);
        assertThat(one.bytesPerSecond()).isPositive();
        assertThat(two.threads()).isEqualTo(2);
        assertThat(two.bytesPerSecond()).isPositive();
        assertThat(probe.checksum()).isNotZero();
        assertThatThrownBy(() -> new MemoryBandwidthProbe(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> probe.measure(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kernelBenchMeasuresEveryDtype() {
        KernelBench bench = new KernelBench(1_000_000L, 3, 1_000_000L);
        for (DType d : DType.values()) {
            TensorData w = KernelBench.randomMatrix(d, 64, 96, 1);
            assertThat(w.dtype()).isEqualTo(d);
            KernelBenchResult r = bench.measure(new VectorKernels(), w);
            assertThat(r.kernel()).isEqualTo("vector256");
            assertThat(r.dtype()).isEqualTo(d.label());
            assertThat(r.gflops()).isPositive();
            assertThat(r.bytesPerSecond()).isPositive();
            KernelBenchResult s = bench.measure(new ScalarKernels(), w);
            assertThat(BenchTable.renderKernels(List.of(r, s))).contains("vector256", "scalar", "64x96");
        }
        assertThat(WeightBytes.of(KernelBench.randomMatrix(DType.Q4_0, 64, 96, 1))).isEqualTo(64 * 96 / 2 + 4 * 64 * 3);
        assertThat(WeightBytes.of(KernelBench.randomMatrix(DType.Q8_0, 64, 96, 1))).isEqualTo(64 * 96 + 4 * 64);
    }

    @Test
    void decodeBenchRunsATinyModelWithAgreeingKernels() {
        DecodeBench.Settings s = DecodeBench.Settings.of(ModelShape.TINY).withThreads(2).withRuns(1, 0, 2)
                .withNewTokens(12);
        DecodeBenchReport r = new DecodeBench(new MemoryBandwidthProbe(4, 1)).run(s, line -> { });
        assertThat(r.figures()).hasSize(9);                     // 3 dtypes × scalar, SIMD, SIMD 2 threads
        for (DecodeFigure f : r.figures()) {
            assertThat(f.sameTokens()).as("%s %s", f.dtype(), f.kernels()).isTrue();
            assertThat(f.tokensPerSecond()).isPositive();
            assertThat(f.bytesPerToken()).isPositive();
            assertThat(f.ceilingTokensPerSecond()).isPositive();
            assertThat(f.generatedTokens()).isBetween(2, 12);
        }
        assertThat(r.figure("q4_0", "vector256x2threads")).isNotNull();
        String table = BenchTable.render(r);
        assertThat(table).contains("tiny", "GB/s", "vector256x2threads", "q8_0", "of ceil.");
        assertThat(table).doesNotContain(" NO");
        assertThat(table).contains("ratios (same run)", "SIMD / scalar", "2 threads / 1 thread", "vs f32 (SIMD, 1 thread)");
        assertThat(BenchRatios.lines(r)).hasSize(3);
        assertThat(BenchRatios.lines(r).get(0)).startsWith("f32").doesNotContain("vs f32");
    }

    @Test
    void shapesAndSettingsAreValidated() {
        assertThat(ModelShape.named("Stories15M")).isEqualTo(ModelShape.STORIES_15M);
        assertThatThrownBy(() -> ModelShape.named("gpt5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stories110m");
        DecodeBench.Settings s = DecodeBench.Settings.of(ModelShape.TINY);
        assertThatThrownBy(() -> s.withNewTokens(64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("context");
        assertThatThrownBy(() -> s.withThreads(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withKernels(false, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withDtypes(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
