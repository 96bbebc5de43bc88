package io.paddock.trainer.task;

import io.paddock.protocol.random.XorShift64;

/**
 * Decimal addition: {@code 47+385=} → {@code 432}. Each operand has 1..{@code digits} digits
 * (the digit count drawn uniformly, then the value; no leading zeros).
 */
public record Addition(int digits) implements Task {
    public Addition {
        if (digits < 1 || digits > 9) {
            throw new IllegalArgumentException("addition digits must be in 1..9: " + digits);
        }
    }

    public String name() {
        return "add";
    }

    public Example sample(XorShift64 rng) {
        long a = operand(rng);
        long b = operand(rng);
        return new Example(name(), a + "+" + b + "=", Long.toString(a + b));
    }

    public int maxNewTokens() {
        return digits + 2;
    }

    private long operand(XorShift64 rng) {
        int n = 1 + rng.nextInt(digits);
        long low = n == 1 ? 0 : pow10(n - 1);
        return low + rng.nextInt((int) (pow10(n) - low));
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
