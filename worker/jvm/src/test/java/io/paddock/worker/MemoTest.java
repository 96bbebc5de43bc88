package io.paddock.worker;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One computation per key however many threads ask; failures are not kept; the oldest entry goes first. */
class MemoTest {

    @Test
    void computesOncePerKeyAndForgetsFailuresAndTheEldest() throws Exception {
        Memo<String, Integer> memo = new Memo<>(2);
        AtomicInteger loads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 8; i++) {
            pool.submit(() -> memo.get("a", () -> {
                Thread.sleep(20);
                return loads.incrementAndGet();
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(loads.get()).isEqualTo(1);
        assertThatThrownBy(() -> memo.get("bad", () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(memo.get("bad", () -> 7)).isEqualTo(7);
        memo.get("c", () -> 3);
        assertThat(memo.get("a", () -> 99)).as("evicted, recomputed").isEqualTo(99);
    }
}
