package io.paddock.coordinator.store;

import io.paddock.protocol.error.ErrorCode;

/** Why an upload was refused: the verifier's typed error. */
public record PackageRefusal(ErrorCode code, String cause) {
}
