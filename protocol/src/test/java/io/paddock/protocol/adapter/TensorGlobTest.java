package io.paddock.protocol.adapter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TensorGlobTest {

    @Test
    void starAndQuestionMark() {
        assertThat(new TensorGlob("*").matches("layers.0.wq.weight")).isTrue();
        assertThat(new TensorGlob("*").matches("")).isTrue();
        assertThat(new TensorGlob("layers.*.wq.weight").matches("layers.11.wq.weight")).isTrue();
        assertThat(new TensorGlob("layers.*.wq.weight").matches("layers.1.wk.weight")).isFalse();
        assertThat(new TensorGlob("layers.?.w?.weight").matches("layers.3.w2.weight")).isTrue();
        assertThat(new TensorGlob("layers.?.w?.weight").matches("layers.13.w2.weight")).isFalse();
        assertThat(new TensorGlob("*norm*").matches("layers.0.attn_norm.weight")).isTrue();
        assertThat(new TensorGlob("*norm*").matches("norm.weight")).isTrue();
        assertThat(new TensorGlob("*norm*").matches("output.weight")).isFalse();
        assertThat(new TensorGlob("*.weight").matches("norm.weight")).isTrue();
        assertThat(new TensorGlob("norm.weight").matches("norm.weight")).isTrue();
        assertThat(new TensorGlob("norm.weigh").matches("norm.weight")).isFalse();
        assertThat(new TensorGlob("norm.weight*").matches("norm.weight")).isTrue();
        assertThat(new TensorGlob("a*b*c").matches("abxbxxc")).isTrue();
        assertThat(new TensorGlob("a*b*c").matches("abxbxxcd")).isFalse();
        assertThat(new TensorGlob("**?").matches("")).isFalse();
    }

    @Test
    void emptyPatternIsRejected() {
        assertThatThrownBy(() -> new TensorGlob("")).isInstanceOf(IllegalArgumentException.class);
    }
}
