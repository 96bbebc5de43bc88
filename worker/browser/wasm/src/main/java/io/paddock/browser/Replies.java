package io.paddock.browser;

import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.json.JsonWriter;

/**
 * The JSON text every export returns: {@code {"ok": {...}}} or
 * {@code {"error": {"code": "AdapterMismatch", "message": "..."}}} where the code is the same
 * typed error ({@code ErrorCode.publishedName()}) the JVM reports, or {@value #INTERNAL} for a
 * failure of the worker itself (a bug, out of memory) that says nothing about the candidate.
 */
final class Replies {
    /** The code of a failure that is not a typed error. */
    static final String INTERNAL = "Internal";

    private Replies() {
    }

    static String ok(JsonObject value) {
        return JsonWriter.write(JsonObject.builder().put("ok", value).build());
    }

    static String ok() {
        return ok(JsonObject.builder().build());
    }

    static String error(FormatException e) {
        return error(e.code().publishedName(), e.getMessage());
    }

    static String internal(Throwable t) {
        String message = t.getMessage();
        return error(INTERNAL, t.getClass().getName() + (message == null ? "" : ": " + message));
    }

    static String error(String code, String message) {
        return JsonWriter.write(JsonObject.builder()
                .put("error", JsonObject.builder().put("code", code).put("message", message).build())
                .build());
    }
}
