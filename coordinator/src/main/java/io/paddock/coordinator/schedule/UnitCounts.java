package io.paddock.coordinator.schedule;

import java.io.Serializable;

/** Units by state and cases by state, for progress and metrics. */
public record UnitCounts(long waiting, long leased, long done, long casesUnplanned, long casesDone)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final UnitCounts ZERO = new UnitCounts(0, 0, 0, 0, 0);

    public UnitCounts plus(UnitCounts o) {
        return new UnitCounts(waiting + o.waiting, leased + o.leased, done + o.done,
                casesUnplanned + o.casesUnplanned, casesDone + o.casesDone);
    }
}
