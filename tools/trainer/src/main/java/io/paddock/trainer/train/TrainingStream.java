package io.paddock.trainer.train;

import io.paddock.protocol.random.XorShift64;
import io.paddock.trainer.data.TokenSequence;
import io.paddock.trainer.task.Example;
import io.paddock.trainer.task.TaskMix;

import java.util.ArrayList;
import java.util.List;

/** The seeded stream of training sequences (never a held-out problem). */
public final class TrainingStream {
    /** Mixed into the model seed for the data stream, so weights and data are independent. */
    public static final long DATA_STREAM = 0x2545F4914F6CDD1DL;

    private final TaskMix tasks;
    private final XorShift64 rng;
    private final int maxLength;

    /** @param maxLength the longest sequence allowed (the model's context) */
    public TrainingStream(TaskMix tasks, long seed, int maxLength) {
        this.tasks = tasks;
        this.rng = new XorShift64(seed);
        this.maxLength = maxLength;
    }

    public Example nextExample() {
        return tasks.sampleTraining(rng);
    }

    public List<TokenSequence> next(int count) {
        List<TokenSequence> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Example ex = nextExample();
            TokenSequence s = TokenSequence.of(ex.prompt(), ex.answer());
            if (s.inputLength() > maxLength) {
                throw new IllegalArgumentException("problem '" + ex.prompt() + "' needs " + s.inputLength()
                        + " positions; the context is " + maxLength);
            }
            out.add(s);
        }
        return out;
    }
}
