package io.paddock.coordinator.schedule;

import java.io.Serializable;
import java.util.BitSet;

/**
 * A generation's lifecycle entry in the generations map.
 *
 * @param id             the generation id
 * @param name           its name
 * @param createdMillis  when it was accepted
 * @param candidateCount how many candidates it has
 * @param caseCount      cases of its suite
 * @param finished       candidates that finished (complete, failed or cancelled), by index
 * @param status         where it stands
 * @param message        why it failed, or ""
 * @param doneMillis     when it was ranked (0 before)
 */
public record GenerationRecord(String id, String name, long createdMillis, int candidateCount, int caseCount,
                               BitSet finished, GenerationStatus status, String message, long doneMillis)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public GenerationRecord {
        finished = (BitSet) finished.clone();
    }

    public static GenerationRecord start(String id, String name, long now, int candidateCount, int caseCount) {
        return new GenerationRecord(id, name, now, candidateCount, caseCount, new BitSet(candidateCount),
                GenerationStatus.RUNNING, "", 0);
    }

    public int finishedCount() {
        return finished.cardinality();
    }

    /** Marks a candidate finished; moves to RANKING when it was the last one. */
    GenerationRecord withFinished(int candidate) {
        BitSet next = (BitSet) finished.clone();
        next.set(candidate);
        GenerationStatus s = status == GenerationStatus.RUNNING && next.cardinality() == candidateCount
                ? GenerationStatus.RANKING : status;
        return new GenerationRecord(id, name, createdMillis, candidateCount, caseCount, next, s, message, doneMillis);
    }

    GenerationRecord withStatus(GenerationStatus next, String why, long now) {
        return new GenerationRecord(id, name, createdMillis, candidateCount, caseCount, finished, next, why,
                next.finished() ? now : doneMillis);
    }
}
