package io.paddock.coordinator.workers;

import java.nio.charset.StandardCharsets;

/** A WebSocket close reason fits in 123 UTF-8 bytes: longer ones are cut at a character boundary. */
final class CloseReason {
    static final int MAX_BYTES = 123;

    private CloseReason() {
    }

    static String of(String reason) {
        if (reason.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return reason;
        }
        int end = Math.min(reason.length(), MAX_BYTES);
        while (end > 0 && reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES - 3) {
            end--;
        }
        if (end > 0 && Character.isHighSurrogate(reason.charAt(end - 1))) {
            end--;
        }
        return reason.substring(0, end) + "…";
    }
}
