package io.paddock.coordinator.schedule;

import java.io.Serializable;

/**
 * A lease held right now on a unit.
 *
 * @param epoch          fencing epoch (unique within the candidate)
 * @param workerId       who holds it
 * @param trusted        whether that worker is trusted
 * @param deadlineMillis when it expires unless a heartbeat extends it
 */
public record ActiveLease(long epoch, String workerId, boolean trusted, long deadlineMillis) implements Serializable {
    private static final long serialVersionUID = 1L;

    ActiveLease withDeadline(long deadline) {
        return new ActiveLease(epoch, workerId, trusted, deadline);
    }
}
