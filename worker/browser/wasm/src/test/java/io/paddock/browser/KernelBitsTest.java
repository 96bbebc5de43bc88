package io.paddock.browser;

import io.paddock.protocol.json.JsonArray;
import io.paddock.protocol.json.JsonNumber;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.json.JsonValue;
import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.kernel.ScalarKernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SIMD128 kernels of {@code kernels.wasm}, called directly in headless Chromium on crafted
 * inputs, give the bits of {@link ScalarKernels}: q8_0 and q4_0 on their fast paths (every x
 * normal enough to scale by 2^-24 exactly) and on their exact paths (some x tiny, subnormal or
 * infinite), at the boundary 2^-102, with odd shapes, block sizes and unaligned buffers; the
 * attention kernels (scores and
 * weighted sums) with odd widths and counts. NaN results only need to be NaN on both sides (the
 * payload is not portable), everything else must match bit for bit.
 */
class KernelBitsTest extends PageFixture {
    private static final float TINY = 0x1p-102f;

    /** x kinds: what each holds besides ordinary values. */
    enum XKind { NORMAL, ZEROS_AND_HUGE, AT_BOUNDARY, BELOW_BOUNDARY, SUBNORMAL, INFINITE }

    static Stream<Object[]> q8Cases() {
        int[][] shapes = {{8, 288}, {12, 768}, {5, 37}, {7, 16}, {3, 40}, {9, 24}, {4, 8}, {6, 7}, {13, 100}, {1, 1}};
        List<Object[]> cases = new ArrayList<>();
        for (int[] s : shapes) {
            for (XKind k : XKind.values()) {
                cases.add(new Object[] {s[0], s[1], k});
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "q8_0 {0}x{1}, x {2}")
    @MethodSource("q8Cases")
    void q8MatchesTheScalarKernel(int rows, int cols, XKind kind) {
        Random rnd = new Random(31L * rows + cols + kind.ordinal());
        byte[] q = new byte[rows * cols];
        rnd.nextBytes(q);
        q[0] = -128;
        float[] scales = new float[rows];
        for (int r = 0; r < rows; r++) {
            scales[r] = (rnd.nextFloat() + 0.01f) / 64;
        }
        float[] x = xs(rnd, cols, kind);
        float[] expected = new float[rows];
        new ScalarKernels().matvec(new TensorData.Q8(rows, cols, q, scales), x, expected, 0, 0, rows);

        for (int misalign : new int[] {0, 1}) {
            Map<String, Object> buffers = new LinkedHashMap<>();
            buffers.put("q", Map.of("bytes", bytes(q)));
            buffers.put("scales", Map.of("bits", bits(scales)));
            buffers.put("x", Map.of("bits", bits(x)));
            buffers.put("scratch", Map.of("floats", cols));
            buffers.put("out", Map.of("floats", rows));
            float[] actual = run("q8", List.of("q", "scales", "x", "scratch", "out", rows, cols), buffers, rows, misalign);
            assertSameBits(actual, expected, "q8_0 " + rows + "x" + cols + " " + kind + " misalign " + misalign);
        }
    }

    static Stream<Object[]> q4Cases() {
        int[][] shapes = {{4, 288, 32}, {3, 768, 64}, {5, 96, 32}, {2, 124, 62}, {3, 40, 8}, {2, 6, 2}};
        List<Object[]> cases = new ArrayList<>();
        for (int[] s : shapes) {
            for (XKind k : XKind.values()) {
                cases.add(new Object[] {s[0], s[1], s[2], k});
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "q4_0/{2} {0}x{1}, x {3}")
    @MethodSource("q4Cases")
    void q4MatchesTheScalarKernel(int rows, int cols, int bs, XKind kind) {
        Random rnd = new Random(37L * rows + cols + bs + kind.ordinal());
        byte[] packed = new byte[rows * cols / 2];
        rnd.nextBytes(packed);
        packed[0] = (byte) 0x88;
        float[] scales = new float[rows * (cols / bs)];
        for (int i = 0; i < scales.length; i++) {
            scales[i] = (rnd.nextFloat() + 0.01f) / 8;
        }
        float[] x = xs(rnd, cols, kind);
        float[] expected = new float[rows];
        new ScalarKernels().matvec(new TensorData.Q4(rows, cols, bs, packed, scales), x, expected, 0, 0, rows);

        for (int misalign : new int[] {0, 1}) {
            Map<String, Object> buffers = new LinkedHashMap<>();
            buffers.put("packed", Map.of("bytes", bytes(packed)));
            buffers.put("scales", Map.of("bits", bits(scales)));
            buffers.put("x", Map.of("bits", bits(x)));
            buffers.put("scratch", Map.of("floats", cols));
            buffers.put("out", Map.of("floats", rows));
            float[] actual = run("q4", List.of("packed", "scales", "x", "scratch", "out", rows, cols, bs), buffers, rows,
                    misalign);
            assertSameBits(actual, expected, "q4_0/" + bs + " " + rows + "x" + cols + " " + kind + " misalign " + misalign);
        }
    }

    static Stream<Object[]> attentionCases() {
        int[][] shapes = {{1, 1, 1}, {5, 7, 9}, {13, 8, 8}, {3, 11, 16}, {9, 16, 20}, {40, 48, 288}, {2, 46, 92}};
        List<Object[]> cases = new ArrayList<>();
        for (int[] s : shapes) {
            cases.add(new Object[] {s[0], s[1], s[2]});
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "scores: {0} positions, head width {1}, stride {2}")
    @MethodSource("attentionCases")
    void scoresMatchTheScalarDots(int count, int n, int stride) {
        Random rnd = new Random(7L * count + n + stride);
        float[] q = floats(rnd, n);
        float[] rows = floats(rnd, (count - 1) * stride + n);
        float[] expected = new float[count];
        for (int p = 0; p < count; p++) {
            expected[p] = ScalarKernels.dotF32(q, 0, rows, p * stride, n);
        }
        Map<String, Object> buffers = new LinkedHashMap<>();
        buffers.put("q", Map.of("bits", bits(q)));
        buffers.put("keys", Map.of("bits", bits(rows)));
        buffers.put("out", Map.of("floats", count));
        float[] actual = run("dots", List.of("q", "keys", 4 * stride, count, n, "out"), buffers, count, 0);
        assertSameBits(actual, expected, "dots " + count + " " + n + " " + stride);
    }

    @ParameterizedTest(name = "weighted sum: {0} positions, width {1}, stride {2}")
    @MethodSource("attentionCases")
    void weightedSumsMatchTheScalarCode(int n, int width, int stride) {
        Random rnd = new Random(11L * n + width + stride);
        float[] w = floats(rnd, n);
        float[] v = floats(rnd, (n - 1) * stride + width);
        float[] expected = new float[width];
        ScalarKernels.scalarWeightedSum(w, 0, n, v, stride, 0, width, expected, 0);
        Map<String, Object> buffers = new LinkedHashMap<>();
        buffers.put("w", Map.of("bits", bits(w)));
        buffers.put("values", Map.of("bits", bits(v)));
        buffers.put("out", Map.of("floats", width));
        float[] actual = run("wsum", List.of("w", n, "values", 4 * stride, width, "out"), buffers, width, 1);
        assertSameBits(actual, expected, "wsum " + n + " " + width + " " + stride);
    }

    private float[] run(String fn, List<Object> args, Map<String, Object> buffers, int count, int misalign) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("fn", fn);
        spec.put("args", args);
        spec.put("buffers", buffers);
        spec.put("out", "out");
        spec.put("count", count);
        spec.put("misalign", misalign);
        JsonObject reply = page.call("kernel", spec);
        List<JsonValue> words = ((JsonArray) reply.get("bits")).items();
        float[] out = new float[words.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.intBitsToFloat((int) ((JsonNumber) words.get(i)).toDouble());
        }
        return out;
    }

    private static float[] xs(Random rnd, int n, XKind kind) {
        float[] x = floats(rnd, n);
        int at = rnd.nextInt(n);
        switch (kind) {
            case ZEROS_AND_HUGE:
                x[at] = -0f;
                x[(at + 1) % n] = 0f;
                x[(at + 2) % n] = 3e30f;
                break;
            case AT_BOUNDARY:
                // every x just at or above 2^-102: the fast path, with products near the normal limit
                for (int i = 0; i < n; i++) {
                    x[i] = (rnd.nextBoolean() ? 1 : -1) * TINY * (1 + rnd.nextInt(1 << 20) * 0x1p-23f);
                }
                x[at] = -TINY;
                break;
            case BELOW_BOUNDARY:
                // every x below 2^-102 (scaled copies would be subnormal): the exact path
                for (int i = 0; i < n; i++) {
                    x[i] = (rnd.nextBoolean() ? 1 : -1) * Math.nextDown(TINY) * (1 - rnd.nextInt(1 << 20) * 0x1p-24f);
                }
                break;
            case SUBNORMAL:
                for (int i = 0; i < n; i++) {
                    x[i] = (rnd.nextBoolean() ? 1 : -1) * Float.MIN_VALUE * (1 + rnd.nextInt(1 << 22));
                }
                break;
            case INFINITE:
                x[at] = Float.NEGATIVE_INFINITY;
                break;
            default:
                break;
        }
        return x;
    }

    private static float[] floats(Random rnd, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) ((rnd.nextDouble() * 2 - 1) * Math.pow(10, rnd.nextInt(5) - 2));
        }
        return f;
    }

    private static List<Integer> bits(float[] f) {
        List<Integer> out = new ArrayList<>(f.length);
        for (float v : f) {
            out.add(Float.floatToRawIntBits(v));
        }
        return out;
    }

    private static List<Integer> bytes(byte[] b) {
        List<Integer> out = new ArrayList<>(b.length);
        for (byte v : b) {
            out.add((int) v);
        }
        return out;
    }

    private static void assertSameBits(float[] actual, float[] expected, String what) {
        assertThat(actual).as(what).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.isNaN(expected[i])) {
                assertThat(Float.isNaN(actual[i])).as("%s [%d] is NaN", what, i).isTrue();
            } else {
                assertThat(Float.floatToRawIntBits(actual[i])).as("%s [%d]: %s vs %s", what, i, actual[i], expected[i])
                        .isEqualTo(Float.floatToRawIntBits(expected[i]));
            }
        }
    }
}
