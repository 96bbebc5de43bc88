package io.paddock.coordinator.rank;

/**
 * A candidate's place in one ranking.
 *
 * @param rank     1-based position: front ascending, score descending, crowding descending, id
 * @param id       the candidate
 * @param front    1-based Pareto front (non-dominated sorting)
 * @param score    Σ weight × normalized objective
 * @param crowding crowding distance within its front (may be +∞ at a front's boundary)
 */
public record Placement(int rank, String id, int front, double score, double crowding) {
}
