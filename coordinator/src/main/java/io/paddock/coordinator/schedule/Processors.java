package io.paddock.coordinator.schedule;

import java.util.Map;

/** The one thing every scheduler entry processor does: write the next value if there is one. */
final class Processors {
    private Processors() {
    }

    static <T> T apply(Map.Entry<String, CandidateWork> entry, Step<T> step) {
        if (step.next() != null) {
            entry.setValue(step.next());
        }
        return step.result();
    }
}
