package io.paddock.coordinator.schedule;

import java.io.Serializable;

/**
 * A lease just granted: unit {@code unit} (cases {@code [from, to)}) under {@code epoch};
 * {@code retry} when the unit was tried before (a lease expired or a worker failed it).
 */
public record LeaseGrant(int unit, int from, int to, long epoch, long deadlineMillis, boolean retry)
        implements Serializable {
    private static final long serialVersionUID = 1L;
}
