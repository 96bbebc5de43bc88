package io.paddock.coordinator.results;

import io.paddock.coordinator.schedule.CandidateFailure;
import io.paddock.coordinator.schedule.CandidateState;

import java.util.List;

/**
 * A ranked generation as its journal keeps it ({@code report.json}): what the API serves,
 * when it was ranked and how each candidate ended, so a restarted coordinator serves it as
 * before.
 *
 * @param report     the published report
 * @param doneMillis when it was ranked
 * @param candidates per candidate index, how it ended
 */
public record FinishedReport(ReportRecord report, long doneMillis, List<Ending> candidates) {
    /** How one candidate ended: its state and its failure (or null). */
    public record Ending(CandidateState state, CandidateFailure failure) {
    }

    public FinishedReport {
        candidates = List.copyOf(candidates);
    }
}
