package io.paddock.coordinator.results;

import io.paddock.coordinator.schedule.CandidateFailure;
import io.paddock.coordinator.schedule.CandidateState;
import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.json.ErrorContext;
import io.paddock.protocol.json.JsonArray;
import io.paddock.protocol.json.JsonNull;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.json.JsonParser;
import io.paddock.protocol.json.JsonString;
import io.paddock.protocol.json.JsonValue;
import io.paddock.protocol.json.JsonWriter;
import io.paddock.protocol.json.ObjectReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link FinishedReport} as JSON text ({@code report.json} in the generation's folder). */
public final class ReportCodec {
    private static final ErrorContext CONTEXT = ErrorContext.of("report.json");

    private ReportCodec() {
    }

    public static String write(FinishedReport finished) {
        ReportRecord r = finished.report();
        List<JsonValue> digests = new ArrayList<>();
        for (Map.Entry<String, String> e : r.evidenceDigests().entrySet()) {
            digests.add(JsonObject.builder().put("candidate", e.getKey()).put("digest", e.getValue()).build());
        }
        List<JsonValue> endings = new ArrayList<>();
        for (FinishedReport.Ending e : finished.candidates()) {
            JsonValue failure = e.failure() == null ? JsonNull.INSTANCE : JsonObject.builder()
                    .put("code", e.failure().code().name()).put("cause", e.failure().cause()).build();
            endings.add(JsonObject.builder().put("state", e.state().name()).put("failure", failure).build());
        }
        return JsonWriter.write(JsonObject.builder()
                .put("done", finished.doneMillis())
                .put("ranking_json", JsonString.of(r.rankingJson()))
                .put("deterministic", JsonString.of(r.deterministic()))
                .put("ranking_csv", JsonString.of(r.rankingCsv()))
                .put("table", JsonString.of(r.table()))
                .put("evidence_digests", new JsonArray(digests))
                .put("candidates", new JsonArray(endings))
                .build());
    }

    public static FinishedReport read(String text) {
        ObjectReader r = ObjectReader.of(JsonParser.parse(text, Integer.MAX_VALUE - 16, "report.json"), CONTEXT, "",
                "done", "ranking_json", "deterministic", "ranking_csv", "table", "evidence_digests", "candidates");
        Map<String, String> digests = new LinkedHashMap<>();
        for (ObjectReader d : r.objects("evidence_digests", "candidate", "digest")) {
            digests.put(d.string("candidate"), d.string("digest"));
        }
        List<FinishedReport.Ending> endings = new ArrayList<>();
        for (ObjectReader e : r.objects("candidates", "state", "failure")) {
            CandidateFailure failure = null;
            if (!(e.value("failure") instanceof JsonNull)) {
                ObjectReader f = e.object("failure", "code", "cause");
                failure = new CandidateFailure(enumValue(ErrorCode.class, f, "code"), f.string("cause"));
            }
            endings.add(new FinishedReport.Ending(enumValue(CandidateState.class, e, "state"), failure));
        }
        ReportRecord report = new ReportRecord(r.string("ranking_json"), r.string("deterministic"),
                r.string("ranking_csv"), r.string("table"), digests);
        return new FinishedReport(report, r.longValue("done"), endings);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, ObjectReader r, String field) {
        String name = r.string(field);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw r.fail(field, "must be one of the " + type.getSimpleName() + " names", name);
    }
}
