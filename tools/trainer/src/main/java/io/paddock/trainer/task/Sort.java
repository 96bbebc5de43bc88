package io.paddock.trainer.task;

import io.paddock.protocol.random.XorShift64;

import java.util.Arrays;

/** Sorting letters: {@code srt:dbca=} → {@code abcd}, with {@code min..max} letters. */
public record Sort(int min, int max) implements Task {
    public Sort {
        Letters.checkRange(min, max);
    }

    public String name() {
        return "sort";
    }

    public Example sample(XorShift64 rng) {
        String s = Letters.random(rng, min, max);
        char[] c = s.toCharArray();
        Arrays.sort(c);
        return new Example(name(), "srt:" + s + "=", new String(c));
    }

    public int maxNewTokens() {
        return max + 1;
    }
}
