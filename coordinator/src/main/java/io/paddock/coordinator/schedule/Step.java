package io.paddock.coordinator.schedule;

/**
 * The result of one operation on a {@link CandidateWork}: the new value (null when the
 * operation changed nothing, so an entry processor need not write) and what it returns.
 */
public record Step<T>(CandidateWork next, T result) {
    static <T> Step<T> unchanged(T result) {
        return new Step<>(null, result);
    }
}
