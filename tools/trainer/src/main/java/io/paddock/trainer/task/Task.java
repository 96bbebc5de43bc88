package io.paddock.trainer.task;

import io.paddock.protocol.random.XorShift64;

/**
 * A synthetic task family. {@link #sample} draws a random problem from the family's whole
 * space (held-out ones included: {@link HeldOut} decides which may be trained on).
 */
public interface Task {

    /** The family name, used on the command line and in case ids (e.g. {@code reverse}). */
    String name();

    /** A random problem. */
    Example sample(XorShift64 rng);

    /** The generation budget of this family's eval cases (longest answer + 1 for EOS). */
    int maxNewTokens();
}
