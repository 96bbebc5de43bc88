package io.paddock.trainer.task;

import io.paddock.protocol.random.XorShift64;

/** String reversal: {@code rev:abcd=} → {@code dcba}, with {@code min..max} letters. */
public record Reverse(int min, int max) implements Task {
    public Reverse {
        Letters.checkRange(min, max);
    }

    public String name() {
        return "reverse";
    }

    public Example sample(XorShift64 rng) {
        String s = Letters.random(rng, min, max);
        return new Example(name(), "rev:" + s + "=", new StringBuilder(s).reverse().toString());
    }

    public int maxNewTokens() {
        return max + 1;
    }
}
