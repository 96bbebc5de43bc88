package io.paddock.runtime.sample;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.suite.Sampling;
import io.paddock.runtime.math.PaddockMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** C10 sampling: validation, argmax, top-k/top-p against a naive sort-everything implementation. */
class SamplerTest {

    static Stream<org.junit.jupiter.params.provider.Arguments> invalidSettings() {
        return Stream.of(
                arguments(new Sampling(-0.5f, 1, 1f, 1), "temperature", "-0.5"),
                arguments(new Sampling(Float.NaN, 1, 1f, 1), "temperature", "NaN"),
                arguments(new Sampling(Float.POSITIVE_INFINITY, 1, 1f, 1), "temperature", "Infinity"),
                arguments(new Sampling(1f, 0, 1f, 1), "top_k", "0"),
                arguments(new Sampling(1f, -3, 1f, 1), "top_k", "-3"),
                arguments(new Sampling(1f, 1025, 1f, 1), "top_k", "1025"),
                arguments(new Sampling(1f, 40, 0f, 1), "top_p", "0.0"),
                arguments(new Sampling(1f, 40, -0.1f, 1), "top_p", "-0.1"),
                arguments(new Sampling(1f, 40, 1.0001f, 1), "top_p", "1.0001"),
                arguments(new Sampling(1f, 40, Float.NaN, 1), "top_p", "NaN"),
                arguments(new Sampling(1f, 40, Float.POSITIVE_INFINITY, 1), "top_p", "Infinity"));
    }

    @ParameterizedTest(name = "{1} = {2}")
    @MethodSource("invalidSettings")
    void invalidSettingsAreRejectedNamingTheSettingAndValue(Sampling s, String setting, String value) {
        assertThatThrownBy(() -> Sampler.validate(s))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SAMPLING);
                    assertThat(e.rule()).startsWith(setting);
                    assertThat(e.badValue()).isEqualTo(value);
                    assertThat(e.getMessage()).contains(setting).contains(value);
                });
        assertThatThrownBy(() -> new Sampler().sample(new float[] {1f, 2f}, 2, s, new XorShift64(1)))
                .isInstanceOf(FormatException.class);
    }

    @Test
    void boundaryValuesAreAccepted() {
        Sampler.validate(new Sampling(0f, 1, 1f, 0));
        Sampler.validate(new Sampling(0f, 1024, Float.MIN_VALUE, 0));
        Sampler.validate(new Sampling(Float.MAX_VALUE, 1024, 1f, -1));
    }

    @Test
    void argmaxTiesGoToTheLowestIdAndNaNNeverWins() {
        assertThat(Sampler.argmax(new float[] {1f, 3f, 3f, 2f}, 4)).isEqualTo(1);
        assertThat(Sampler.argmax(new float[] {Float.NaN, -5f, Float.NaN}, 3)).isEqualTo(1);
        assertThat(Sampler.argmax(new float[] {-0f, 0f}, 2)).isEqualTo(0);
        assertThat(Sampler.argmax(new float[] {Float.NaN, Float.NaN}, 2)).isEqualTo(0);
        assertThat(Sampler.argmax(new float[] {1f, 9f, 9f}, 2)).isEqualTo(1);  // only the first n count
    }

    @Test
    void temperatureZeroIsArgmaxWithoutADraw() {
        XorShift64 rng = new XorShift64(5);
        int t = new Sampler().sample(new float[] {0f, 4f, 4f, 1f}, 4, new Sampling(0f, 3, 0.5f, 5), rng);
        assertThat(t).isEqualTo(1);
        assertThat(rng.next()).isEqualTo(new XorShift64(5).next());   // the PRNG was not touched
    }

    @Test
    void topKOneAlwaysPicksTheBestAndDrawsOnce() {
        XorShift64 rng = new XorShift64(9);
        int t = new Sampler().sample(new float[] {0f, 4f, 7f, 7f}, 4, new Sampling(1.5f, 1, 1f, 9), rng);
        assertThat(t).isEqualTo(2);
        XorShift64 expected = new XorShift64(9);
        expected.next();
        assertThat(rng.next()).isEqualTo(expected.next());
    }

    @Test
    void theTopPCrossingCandidateIsKept() {
        // probabilities at T=1 for logits ln(4), ln(3), ln(2), ln(1): 0.4, 0.3, 0.2, 0.1
        float[] logits = {(float) Math.log(1), (float) Math.log(4), (float) Math.log(2), (float) Math.log(3)};
        // top_p 0.5: keep 1 (0.4) and 3 (crosses to 0.7); a draw near 1 takes the last kept
        Sampler sampler = new Sampler();
        for (long seed = 1; seed < 300; seed++) {
            int t = sampler.sample(logits, 4, new Sampling(1f, 4, 0.5f, seed), new XorShift64(seed));
            assertThat(t).isIn(1, 3);
        }
    }

    @Test
    void greedyArgmaxIsTheSameHoweverTheSlicesRun() {
        // slices run backwards, as another thread might finish them: the id must not change
        io.paddock.runtime.kernel.Kernels scalar = new io.paddock.runtime.kernel.ScalarKernels();
        io.paddock.runtime.kernel.Kernels backwards = new io.paddock.runtime.kernel.Kernels() {
            @Override
            public void matvec(io.paddock.protocol.slm.TensorData w, float[] x, float[] out, int outOffset,
                               int rowStart, int rowEnd) {
                scalar.matvec(w, x, out, outOffset, rowStart, rowEnd);
            }

            @Override
            public String name() {
                return "backwards";
            }

            @Override
            public void forEach(int n, long workEach, java.util.function.IntConsumer task) {
                for (int i = n - 1; i >= 0; i--) {
                    task.accept(i);
                }
            }
        };
        Sampler sliced = new Sampler(backwards);
        XorShift64 data = new XorShift64(77);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + data.nextInt(trial % 5 == 0 ? 9 : 500);
            float[] logits = new float[n];
            for (int i = 0; i < n; i++) {
                int kind = data.nextInt(12);
                logits[i] = kind == 0 ? Float.NaN : kind == 1 ? -0f : kind == 2 ? 0f
                        : kind == 3 ? Float.NEGATIVE_INFINITY : data.nextInt(7) - 3;  // ties, ±0, NaN, -inf
            }
            assertThat(sliced.sample(logits, n, Sampling.GREEDY, new XorShift64(1)))
                    .as("trial %d, n %d", trial, n).isEqualTo(Sampler.argmax(logits, n));
        }
    }

    @Test
    void nonFiniteOrZeroTotalFallsBackToArgmax() {
        Sampler sampler = new Sampler();
        float[] withInf = {0f, Float.POSITIVE_INFINITY, 2f, Float.POSITIVE_INFINITY};
        assertThat(sampler.sample(withInf, 4, new Sampling(1f, 4, 1f, 1), new XorShift64(1))).isEqualTo(1);
        float[] withNaN = {Float.NaN, 1f, 3f};
        assertThat(sampler.sample(withNaN, 3, new Sampling(1f, 3, 1f, 1), new XorShift64(1))).isEqualTo(2);
        // a tiny temperature overflows every non-best p_i to 0 but keeps p_0 = 1: still the best
        float[] spread = {0f, 10f, 5f};
        assertThat(sampler.sample(spread, 3, new Sampling(Float.MIN_VALUE, 3, 1f, 1), new XorShift64(1))).isEqualTo(1);
    }

    @Test
    void matchesANaiveImplementationOfC10OnRandomLogits() {
        XorShift64 data = new XorShift64(1234);
        Sampler sampler = new Sampler();
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + data.nextInt(trial % 10 == 0 ? 3000 : 300);
            float[] logits = new float[n];
            for (int i = 0; i < n; i++) {
                // coarse values force many ties
                logits[i] = trial % 2 == 0 ? data.nextInt(20) - 10 : (data.nextFloat() - 0.5f) * 20f;
            }
            float temperature = 0.1f + data.nextFloat() * 2f;
            int topK = 1 + data.nextInt(trial % 7 == 0 ? 1024 : 50);
            float topP = trial % 3 == 0 ? 1f : 0.05f + data.nextFloat() * 0.95f;
            long seed = data.next();
            Sampling s = new Sampling(temperature, topK, topP, seed);
            int expected = naiveSample(logits, s, new XorShift64(seed));
            int actual = sampler.sample(logits, n, s, new XorShift64(seed));
            assertThat(actual).as("trial %d (n=%d, %s)", trial, n, s).isEqualTo(expected);
        }
    }

    /** C10 read literally: sort everything, take top_k, max-shifted exp, striped total, cumulative, one draw. */
    static int naiveSample(float[] logits, Sampling s, XorShift64 rng) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < logits.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -logits[i]).thenComparingInt(i -> i));
        int k = Math.min(s.topK(), logits.length);
        float[] p = new float[k];
        float max = logits[order.get(0)];
        for (int j = 0; j < k; j++) {
            p[j] = PaddockMath.exp((logits[order.get(j)] - max) / s.temperature());
        }
        float[] acc = new float[8];
        for (int j = 0; j < k; j++) {
            acc[j % 8] += p[j];
        }
        float total = ((acc[0] + acc[4]) + (acc[2] + acc[6])) + ((acc[1] + acc[5]) + (acc[3] + acc[7]));
        float[] cum = new float[k];
        float c = 0f;
        int kept = k;
        for (int j = 0; j < k; j++) {
            c += p[j] / total;
            cum[j] = c;
            if (c >= s.topP()) {
                kept = j + 1;
                break;
            }
        }
        float r = rng.nextFloat() * cum[kept - 1];
        for (int j = 0; j < kept; j++) {
            if (cum[j] > r) {
                return order.get(j);
            }
        }
        return order.get(kept - 1);
    }
}
