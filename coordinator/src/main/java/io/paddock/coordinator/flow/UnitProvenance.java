package io.paddock.coordinator.flow;

/** Who produced the agreed result of cases {@code [from, to)}: recorded with the evidence. */
public record UnitProvenance(int from, int to, long epoch, String workerId, String workerKind, boolean trusted) {
}
