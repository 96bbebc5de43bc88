package io.paddock.trainer.task;

import io.paddock.protocol.random.XorShift64;

/** Copying: {@code cpy:abcd=} → {@code abcd}, with {@code min..max} letters. */
public record Copy(int min, int max) implements Task {
    public Copy {
        Letters.checkRange(min, max);
    }

    public String name() {
        return "copy";
    }

    public Example sample(XorShift64 rng) {
        String s = Letters.random(rng, min, max);
        return new Example(name(), "cpy:" + s + "=", s);
    }

    public int maxNewTokens() {
        return max + 1;
    }
}
