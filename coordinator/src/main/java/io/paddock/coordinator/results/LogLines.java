package io.paddock.coordinator.results;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.json.ErrorContext;
import io.paddock.protocol.json.JsonNumber;
import io.paddock.protocol.json.JsonParser;
import io.paddock.protocol.json.JsonValue;
import io.paddock.protocol.json.JsonWriter;
import io.paddock.protocol.json.ObjectReader;
import io.paddock.protocol.wire.WireCodec;
import io.paddock.protocol.wire.WireMessage;

/**
 * The lines of a result log ({@code results.jsonl}), written by ingestion and read back after
 * a restart. A result line: {@code {"worker","kind","trusted","calibration","message"}} with the
 * worker's {@code result} message verbatim; a failure line: {@code {"unit","epoch","worker",
 * "kind","trusted","failure","cause"[,"from","to"]}} (the lease's case range when known).
 */
public final class LogLines {
    private static final ErrorContext CONTEXT = ErrorContext.of("results.jsonl");
    private static final int MAX_CASE = 1 << 30;

    private LogLines() {
    }

    /** A logged answer as read back: a result (with {@code result}) or a failure (with a code). */
    public record Logged(String workerId, String workerKind, boolean trusted, double calibration,
                         WireMessage.Result result, String unitId, long epoch, ErrorCode failureCode,
                         String failureCause, int from, int to) {
        public boolean isResult() {
            return result != null;
        }
    }

    public static String result(String workerId, String kind, boolean trusted, double calibration, String message) {
        double c = Double.isFinite(calibration) && calibration > 0 ? calibration : 1.0;
        return "{\"worker\":" + JsonWriter.quote(workerId) + ",\"kind\":" + JsonWriter.quote(kind)
                + ",\"trusted\":" + trusted + ",\"calibration\":" + JsonWriter.write(JsonNumber.of(c))
                + ",\"message\":" + message + "}";
    }

    /** A failure line; {@code from < 0} when the lease's range is not known here. */
    public static String failure(WireMessage.Failure failure, String workerId, String kind, boolean trusted, int from,
                                 int to) {
        return "{\"unit\":" + JsonWriter.quote(failure.unitId()) + ",\"epoch\":" + failure.epoch()
                + ",\"worker\":" + JsonWriter.quote(workerId) + ",\"kind\":" + JsonWriter.quote(kind)
                + ",\"trusted\":" + trusted + ",\"failure\":" + JsonWriter.quote(failure.code().publishedName())
                + ",\"cause\":" + JsonWriter.quote(failure.cause())
                + (from >= 0 && to > from ? ",\"from\":" + from + ",\"to\":" + to : "") + "}";
    }

    /** Parses one line; a malformed one is a {@link FormatException} naming what is wrong. */
    public static Logged parse(String line) {
        JsonValue value = JsonParser.parse(line, line.length() + 1, "results.jsonl");
        ObjectReader probe = ObjectReader.of(value, CONTEXT, "", "worker", "kind", "trusted", "calibration", "message",
                "unit", "epoch", "failure", "cause", "from", "to");
        if (probe.has("message")) {
            ObjectReader r = ObjectReader.of(value, CONTEXT, "", "worker", "kind", "trusted", "calibration", "message");
            WireMessage m = WireCodec.fromJson(r.value("message"));
            if (!(m instanceof WireMessage.Result result)) {
                throw r.fail("message", "must be a result message", m.type());
            }
            double calibration = r.doubleValue("calibration", 1.0);
            if (!(Double.isFinite(calibration) && calibration > 0)) {
                // the writer's rule: a calibration factor is finite and > 0
                throw r.fail("calibration", "must be finite and > 0", calibration);
            }
            return new Logged(r.string("worker"), r.string("kind"), r.bool("trusted"), calibration, result,
                    result.unitId(), result.epoch(), null, null, -1, -1);
        }
        ObjectReader r = ObjectReader.of(value, CONTEXT, "", "unit", "epoch", "worker", "kind", "trusted", "failure",
                "cause", "from", "to");
        int from = r.integer("from", 0, MAX_CASE, -1);
        int to = r.integer("to", 0, MAX_CASE, -1);
        return new Logged(r.string("worker"), r.string("kind"), r.bool("trusted"), 1.0, null, r.string("unit"),
                r.longValue("epoch"), code(r, r.string("failure")), r.string("cause"), from, to);
    }

    private static ErrorCode code(ObjectReader r, String published) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.publishedName().equals(published)) {
                return c;
            }
        }
        throw r.fail("failure", "must be a published error code", published);
    }
}
