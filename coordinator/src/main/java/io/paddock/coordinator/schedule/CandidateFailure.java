package io.paddock.coordinator.schedule;

import io.paddock.protocol.error.ErrorCode;

import java.io.Serializable;

/** Why a candidate failed: a typed code and a cause naming what went wrong. */
public record CandidateFailure(ErrorCode code, String cause) implements Serializable {
    private static final long serialVersionUID = 1L;
}
