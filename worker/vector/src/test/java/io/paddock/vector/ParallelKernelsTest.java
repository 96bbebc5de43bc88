package io.paddock.vector;

import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.kernel.ScalarKernels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelKernelsTest {

    @Test
    void everyRowIsComputedExactlyOnceAndSplitAcrossThreads() {
        CountingKernels counting = new CountingKernels(500);
        try (ParallelKernels p = new ParallelKernels(counting, 3, 0, 1_000_000)) {
            TensorData w = new RandomTensors(5, false).f32(500, 16);
            float[] x = new RandomTensors(6, false).vector(16);
            float[] out = new float[500];
            // a busy machine may keep the workers off the CPU for a while: run until one joined in
            int products = 0;
            long until = System.nanoTime() + 10_000_000_000L;
            while (products < 200 || (counting.threads.size() < 2 && System.nanoTime() < until)) {
                p.matvec(w, x, out, 0);
                products++;
            }
            for (int r = 0; r < 500; r++) {
                assertThat(counting.rows.get(r)).as("row %d", r).isEqualTo(products);
            }
            assertThat(counting.threads.size()).as("threads that computed rows").isGreaterThan(1);
        }
    }

    @Test
    void productsOfOneInputRunAsOneJobWithTheSameBits() {
        RandomTensors random = new RandomTensors(11, true);
        ScalarKernels scalar = new ScalarKernels();
        int[][] shapes = {{288, 288}, {72, 288}, {72, 288}, {768, 288}, {3, 288}, {5, 288}, {1, 288}};
        TensorData[] w = new TensorData[shapes.length];
        float[][] expected = new float[shapes.length][];
        float[] x = random.vector(288);
        for (int i = 0; i < shapes.length; i++) {
            w[i] = i % 3 == 0 ? random.f32(shapes[i][0], 288) : i % 3 == 1 ? random.q8(shapes[i][0], 288)
                    : random.q4(shapes[i][0], 288, 32);
            expected[i] = new float[shapes[i][0]];
            scalar.matvec(w[i], x, expected[i], 0);
        }
        for (int threads = 1; threads <= 4; threads++) {
            for (int minElements : new int[] {0, 1 << 15, Integer.MAX_VALUE}) {
                try (ParallelKernels p = new ParallelKernels(scalar, threads, minElements, 1_000_000)) {
                    float[][] out = new float[shapes.length][];
                    for (int i = 0; i < shapes.length; i++) {
                        out[i] = new float[shapes[i][0]];
                    }
                    p.matvecs(w, x, out);
                    for (int i = 0; i < shapes.length; i++) {
                        assertThat(out[i]).as("matrix %d, %d threads, min %d", i, threads, minElements)
                                .isEqualTo(expected[i]);
                    }
                }
            }
        }
    }

    @Test
    void everyRowOfEveryProductIsComputedExactlyOnce() {
        CountingKernels counting = new CountingKernels(900);
        try (ParallelKernels p = new ParallelKernels(counting, 3, 0, 1_000_000)) {
            RandomTensors random = new RandomTensors(12, false);
            TensorData a = random.f32(300, 16);
            TensorData b = random.f32(600, 16);
            float[] x = random.vector(16);
            for (int i = 0; i < 100; i++) {
                p.matvecs(new TensorData[] {a, b}, x, new float[][] {new float[300], new float[600]});
            }
            // CountingKernels counts by row index: rows 0..299 are met in both matrices
            for (int r = 0; r < 900; r++) {
                assertThat(counting.rows.get(r)).as("row %d", r).isEqualTo(r < 300 ? 200 : r < 600 ? 100 : 0);
            }
        }
        assertThatThrownBy(() -> new ScalarKernels().matvecs(new TensorData[1], new float[1], new float[2][]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one output per matrix");
    }

    @Test
    void tasksRunExactlyOnceAcrossThreadsAndFailuresReachTheCaller() {
        try (ParallelKernels p = new ParallelKernels(new ScalarKernels(), 3, 0, 1_000_000)) {
            AtomicIntegerArray runs = new AtomicIntegerArray(7);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            int rounds = 0;
            long until = System.nanoTime() + 10_000_000_000L;
            while (rounds < 200 || (threads.size() < 2 && System.nanoTime() < until)) {
                p.forEach(7, 1000, i -> {
                    threads.add(Thread.currentThread().getName());
                    runs.incrementAndGet(i);
                });
                rounds++;
            }
            for (int i = 0; i < 7; i++) {
                assertThat(runs.get(i)).as("task %d", i).isEqualTo(rounds);
            }
            assertThat(threads.size()).as("threads that ran tasks").isGreaterThan(1);
            assertThatThrownBy(() -> p.forEach(7, 1000, i -> {
                if (i == 5) {
                    throw new IllegalStateException("task 5 failed");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("task 5 failed");
        }
        // too little work to share: the caller runs the tasks in order
        try (ParallelKernels p = new ParallelKernels(new ScalarKernels(), 2, 1 << 15, 1_000_000)) {
            List<Integer> order = new ArrayList<>();
            p.forEach(4, 10, order::add);
            assertThat(order).containsExactly(0, 1, 2, 3);
        }
    }

    @Test
    void callsFromInsideATaskRunOnTheirOwnThreadAndBadRowRangesAreRefused() {
        ScalarKernels scalar = new ScalarKernels();
        RandomTensors random = new RandomTensors(13, false);
        TensorData w = random.f32(64, 32);
        float[] x = random.vector(32);
        float[] expected = new float[64];
        scalar.matvec(w, x, expected, 0);
        try (ParallelKernels p = new ParallelKernels(scalar, 2, 0, 1_000_000)) {
            float[][] outs = new float[4][64];
            p.forEach(4, 1000, i -> p.matvec(w, x, outs[i], 0));
            for (float[] out : outs) {
                assertThat(out).isEqualTo(expected);
            }
            assertThatThrownBy(() -> p.matvec(w, x, new float[64], 0, -20, -4))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not within");
            assertThatThrownBy(() -> p.matvec(w, x, new float[64], 0, 8, 65))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void slowWorkersNeverChangeTheResult() {
        // the inner kernels stall on pool threads: the caller claims the remaining chunks
        Kernels stalling = new Kernels() {
            private final ScalarKernels scalar = new ScalarKernels();

            @Override
            public void matvec(TensorData w, float[] x, float[] out, int outOffset, int rowStart, int rowEnd) {
                if (Thread.currentThread().getName().startsWith("paddock-kernels-")) {
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                scalar.matvec(w, x, out, outOffset, rowStart, rowEnd);
            }

            @Override
            public String name() {
                return "stalling";
            }
        };
        RandomTensors rt = new RandomTensors(9, true);
        TensorData w = rt.q8(97, 40);
        float[] x = rt.vector(40);
        float[] expected = new float[97];
        new ScalarKernels().matvec(w, x, expected, 0);
        try (ParallelKernels p = new ParallelKernels(stalling, 2, 0, 0)) {
            for (int i = 0; i < 20; i++) {
                float[] actual = new float[97];
                p.matvec(w, x, actual, 0);
                assertThat(KernelEquivalenceTest.bits(actual)).containsExactly(KernelEquivalenceTest.bits(expected));
            }
        }
    }

    @Test
    void concurrentCallersGetTheirOwnResults() throws Exception {
        RandomTensors rt = new RandomTensors(11, false);
        TensorData w = rt.q4(256, 64, 32);
        List<float[]> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            float[] x = rt.vector(64);
            float[] e = new float[256];
            new ScalarKernels().matvec(w, x, e, 0);
            inputs.add(x);
            expected.add(e);
        }
        try (ParallelKernels p = new ParallelKernels(new VectorKernels(), 2, 0, 10_000)) {
            List<Thread> callers = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int id = i;
                Thread t = new Thread(() -> {
                    try {
                        for (int n = 0; n < 300; n++) {
                            float[] out = new float[256];
                            p.matvec(w, inputs.get(id), out, 0);
                            assertThat(KernelEquivalenceTest.bits(out))
                                    .containsExactly(KernelEquivalenceTest.bits(expected.get(id)));
                        }
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                });
                callers.add(t);
                t.start();
            }
            for (Thread t : callers) {
                t.join();
            }
            assertThat(failures).isEmpty();
        }
    }

    @Test
    void workerFailuresReachTheCaller() {
        try (ParallelKernels p = new ParallelKernels(new ScalarKernels(), 2, 0, 0)) {
            TensorData w = new RandomTensors(3, false).f32(64, 16);
            float[] shortX = new float[4];
            assertThatThrownBy(() -> p.matvec(w, shortX, new float[64], 0))
                    .isInstanceOf(ArrayIndexOutOfBoundsException.class);
            // still usable afterwards
            float[] out = new float[64];
            p.matvec(w, new float[16], out, 0);
            assertThat(out).containsOnly(0f);
        }
    }

    @Test
    void smallProductsAndEmptyRangesRunOnTheCaller() {
        CountingKernels counting = new CountingKernels(8);
        try (ParallelKernels p = new ParallelKernels(counting, 2)) {
            TensorData w = new RandomTensors(3, false).f32(8, 8);
            p.matvec(w, new float[8], new float[8], 0);
            p.matvec(w, new float[8], new float[8], 0, 3, 3);
            assertThat(counting.threads).containsExactly(Thread.currentThread().getName());
        }
    }

    @Test
    void closeStopsTheWorkersAndLaterCallsFail() throws Exception {
        ParallelKernels p = new ParallelKernels(new ScalarKernels(), 3);
        assertThat(p.name()).isEqualTo("scalarx3threads");
        assertThat(p.threads()).isEqualTo(3);
        p.close();
        p.close();
        Thread.sleep(50);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith("paddock-kernels-" + Integer.toHexString(System.identityHashCode(p))));
        TensorData w = new RandomTensors(3, false).f32(64, 64);
        assertThatThrownBy(() -> p.matvec(w, new float[64], new float[64], 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> new ParallelKernels(new ScalarKernels(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads");
        assertThatThrownBy(() -> new ParallelKernels(new ScalarKernels(), 257))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParallelKernels(null, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParallelKernels(new ScalarKernels(), 2, -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParallelKernels(new ScalarKernels(), 2, 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Scalar kernels that count how often each row was computed, and on which threads. */
    private static final class CountingKernels implements Kernels {
        final AtomicIntegerArray rows;
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        private final ScalarKernels scalar = new ScalarKernels();

        CountingKernels(int n) {
            rows = new AtomicIntegerArray(n);
        }

        @Override
        public void matvec(TensorData w, float[] x, float[] out, int outOffset, int rowStart, int rowEnd) {
            threads.add(Thread.currentThread().getName());
            for (int r = rowStart; r < rowEnd; r++) {
                rows.incrementAndGet(r);
            }
            scalar.matvec(w, x, out, outOffset, rowStart, rowEnd);
        }

        @Override
        public String name() {
            return "counting";
        }
    }
}
