package io.paddock.trainer.task;

import io.paddock.protocol.random.XorShift64;

/** Random lowercase strings for the letter tasks. */
final class Letters {
    private Letters() {
    }

    /** A string of {@code min..max} (inclusive) letters a–z. */
    static String random(XorShift64 rng, int min, int max) {
        int length = min + rng.nextInt(max - min + 1);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) ('a' + rng.nextInt(26)));
        }
        return s.toString();
    }

    static void checkRange(int min, int max) {
        if (min < 1 || max < min || max > 32) {
            throw new IllegalArgumentException("letter count range must be 1 ≤ min ≤ max ≤ 32: "
                    + min + ".." + max);
        }
    }
}
