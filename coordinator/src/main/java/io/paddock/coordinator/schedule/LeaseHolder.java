package io.paddock.coordinator.schedule;

import java.io.Serializable;

/** A lease that was taken back (cancelled or expired), to tell its worker. */
public record LeaseHolder(int unit, long epoch, String workerId) implements Serializable {
    private static final long serialVersionUID = 1L;
}
