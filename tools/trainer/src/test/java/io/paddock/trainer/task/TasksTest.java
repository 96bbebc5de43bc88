package io.paddock.trainer.task;

import io.paddock.protocol.random.XorShift64;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TasksTest {

    @Test
    void everyFamilyAnswersCorrectly() {
        XorShift64 rng = new XorShift64(1);
        for (int i = 0; i < 1000; i++) {
            Example add = new Addition(3).sample(rng);
            String[] parts = add.prompt().substring(0, add.prompt().length() - 1).split("\\+");
            assertThat(parts[0]).doesNotStartWith("0".repeat(parts[0].length() > 1 ? 1 : 2));
            assertThat(Long.parseLong(add.answer())).isEqualTo(Long.parseLong(parts[0]) + Long.parseLong(parts[1]));
            assertThat(parts[0].length()).isBetween(1, 3);

            Example rev = new Reverse(2, 5).sample(rng);
            String s = rev.prompt().substring(4, rev.prompt().length() - 1);
            assertThat(rev.prompt()).startsWith("rev:").endsWith("=");
            assertThat(s.length()).isBetween(2, 5);
            assertThat(rev.answer()).isEqualTo(new StringBuilder(s).reverse().toString());

            Example copy = new Copy(1, 4).sample(rng);
            assertThat(copy.prompt()).isEqualTo("cpy:" + copy.answer() + "=");

            Example sort = new Sort(1, 4).sample(rng);
            char[] c = sort.prompt().substring(4, sort.prompt().length() - 1).toCharArray();
            java.util.Arrays.sort(c);
            assertThat(sort.answer()).isEqualTo(new String(c));
        }
    }

    @Test
    void mixesParseAndFormatBack() {
        List<String> items = List.of("reverse:1-6@6", "add:2@1", "copy:2-3@2", "sort:1-5@1");
        assertThat(TaskMix.parse(items).format()).isEqualTo(items);
        assertThat(TaskMix.parse(List.of("add:3")).format()).containsExactly("add:3@1");
        assertThatThrownBy(() -> Tasks.parse("mul:2")).hasMessageContaining("expected reverse:MIN-MAX");
        assertThatThrownBy(() -> Tasks.parse("reverse:6")).hasMessageContaining("unknown task");
        assertThatThrownBy(() -> TaskMix.parse(List.of("add:2@0"))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new Reverse(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
