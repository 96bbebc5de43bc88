package io.paddock.coordinator.flow;

/**
 * A generation as posted: its JSON text, and whether a candidate that cannot run (a package
 * that is unknown or was refused, an adapter that does not bind) fails alone
 * ({@code failInvalidCandidates}) or rejects the whole submission (the default).
 */
public record Submission(String json, boolean failInvalidCandidates) {
}
