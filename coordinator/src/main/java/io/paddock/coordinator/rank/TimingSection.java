package io.paddock.coordinator.rank;

import java.util.List;

/**
 * Everything timing-based, kept apart from the deterministic ranking.
 *
 * @param used       whether a timing ranking was asked for ({@link RankingSettings#useTiming()})
 * @param objectives the objectives of the timing ranking (speed included when weighted)
 * @param figures    per valid candidate, in deterministic rank order
 * @param ranking    the ranking including speed, best first; empty when not {@code used}
 */
public record TimingSection(boolean used, List<Objective> objectives, List<TimingFigures> figures, List<Placement> ranking) {

    public TimingSection {
        objectives = List.copyOf(objectives);
        figures = List.copyOf(figures);
        ranking = List.copyOf(ranking);
    }
}
