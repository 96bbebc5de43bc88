package io.paddock.trainer.task;

import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.trainer.train.TrainingStream;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Eval suites and training streams never share a problem. */
class HeldOutTest {

    @Test
    void trainingStreamsNeverProduceASuiteProblem() {
        TaskMix mix = TaskMix.parse(List.of("reverse:1-6@3", "add:2@2", "copy:1-3", "sort:1-4"));
        Set<String> suitePrompts = new HashSet<>();
        for (TaskMix.Entry e : mix.entries()) {
            for (EvalCase c : SuiteMaker.cases(e.task(), 100, 42)) {
                assertThat(HeldOut.isHeldOut(c.prompt())).as(c.prompt()).isTrue();
                suitePrompts.add(c.prompt());
            }
        }
        assertThat(suitePrompts).hasSize(400);
        for (long seed : new long[] {1, 2, 7, 0x1234_5678_9ABCL}) {
            TrainingStream stream = new TrainingStream(mix, seed ^ TrainingStream.DATA_STREAM, 64);
            for (int i = 0; i < 50_000; i++) {
                Example ex = stream.nextExample();
                assertThat(HeldOut.isHeldOut(ex.prompt())).as(ex.prompt()).isFalse();
                assertThat(suitePrompts).doesNotContain(ex.prompt());
            }
        }
    }

    @Test
    void aboutOneProblemInEightIsHeldOutAndTheSmallSpaceIsCovered() {
        Task add = new Addition(2);
        XorShift64 rng = new XorShift64(5);
        int held = 0;
        int n = 80_000;
        for (int i = 0; i < n; i++) {
            if (HeldOut.isHeldOut(add.sample(rng).prompt())) {
                held++;
            }
        }
        assertThat((double) held / n).isBetween(0.09, 0.16);
        Set<String> all = new HashSet<>();
        for (int a = 0; a < 100; a++) {
            for (int b = 0; b < 100; b++) {
                String p = a + "+" + b + "=";
                if (HeldOut.isHeldOut(p)) {
                    all.add(p);
                }
            }
        }
        assertThat(all.size()).as("held-out 2-digit sums").isBetween(1000, 1500);
    }

    @Test
    void suitesAreSeededDistinctAndNamedByTask() {
        List<EvalCase> a = SuiteMaker.cases(new Reverse(1, 6), 60, 9);
        List<EvalCase> b = SuiteMaker.cases(new Reverse(1, 6), 60, 9);
        assertThat(a).isEqualTo(b);
        assertThat(a.get(0).id()).isEqualTo("reverse-001");
        assertThat(a.get(59).id()).isEqualTo("reverse-060");
        assertThat(a.stream().map(EvalCase::prompt).distinct().count()).isEqualTo(60);
        for (EvalCase c : a) {
            String letters = c.prompt().substring(4, c.prompt().length() - 1);
            assertThat(c.expected()).isEqualTo(new StringBuilder(letters).reverse().toString());
            assertThat(c.maxNewTokens()).isEqualTo(7);
        }
    }
}
