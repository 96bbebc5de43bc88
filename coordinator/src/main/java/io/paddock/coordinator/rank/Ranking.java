package io.paddock.coordinator.rank;

import java.util.List;
import java.util.Optional;

/**
 * A ranked generation. Everything but {@link #timing()} is deterministic: it depends only on
 * the evidence, the sizes, the costs and the settings.
 *
 * @param settings   how it was ranked
 * @param objectives the objectives of the deterministic ranking (positive weight, speed excluded)
 * @param ranked     valid candidates, best first
 * @param failed     invalid candidates with their cause, by id
 * @param timing     timing figures and the timing-based ranking
 */
public record Ranking(
        RankingSettings settings,
        List<Objective> objectives,
        List<RankedCandidate> ranked,
        List<FailedCandidate> failed,
        TimingSection timing) {

    public Ranking {
        objectives = List.copyOf(objectives);
        ranked = List.copyOf(ranked);
        failed = List.copyOf(failed);
    }

    public Optional<RankedCandidate> candidate(String id) {
        for (RankedCandidate c : ranked) {
            if (c.id().equals(id)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The parent when it is valid. */
    public Optional<RankedCandidate> parent() {
        for (RankedCandidate c : ranked) {
            if (c.parent()) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public Optional<TimingFigures> timingOf(String id) {
        for (TimingFigures t : timing.figures()) {
            if (t.id().equals(id)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
