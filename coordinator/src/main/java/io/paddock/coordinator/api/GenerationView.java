package io.paddock.coordinator.api;

import io.paddock.coordinator.flow.GenerationPlan;
import io.paddock.coordinator.flow.PlannedCandidate;
import io.paddock.coordinator.results.ReportRecord;
import io.paddock.coordinator.schedule.CandidateWork;
import io.paddock.coordinator.schedule.GenerationRecord;
import io.paddock.coordinator.schedule.GenerationStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/** The status document of a generation: state, progress, ETA and each candidate's state. Pure. */
final class GenerationView {
    private GenerationView() {
    }

    static JsonObject of(GenerationRecord g, GenerationPlan plan, Map<String, CandidateWork> works,
                         ReportRecord report, long now) {
        long done = 0;
        long total = (long) g.candidateCount() * g.caseCount();
        JsonArray candidates = new JsonArray();
        for (PlannedCandidate c : plan.candidates()) {
            CandidateWork w = works.get(CandidateWork.key(g.id(), c.index()));
            long casesDone = w == null ? 0 : w.finishedCases();
            done += casesDone;
            JsonObject o = new JsonObject().put("id", c.id()).put("parent", c.parent())
                    .put("state", w == null ? "unknown" : w.state().name().toLowerCase(java.util.Locale.ROOT))
                    .put("cases_done", casesDone)
                    .put("leases_out", w == null ? 0 : w.leasesOut())
                    .put("model", c.modelDigest()).put("adapters", new JsonArray(c.adapterDigests()));
            if (w != null && w.failure() != null) {
                o.put("failure", new JsonObject().put("code", w.failure().code().publishedName())
                        .put("cause", w.failure().cause()));
            }
            if (report != null && report.evidenceDigests().containsKey(c.id())) {
                o.put("evidence_digest", report.evidenceDigests().get(c.id()));
            }
            candidates.add(o);
        }
        double fraction = total == 0 ? 1 : (double) done / total;
        JsonObject out = new JsonObject().put("id", g.id()).put("name", g.name()).put("status", g.status().label())
                .put("created", g.createdMillis()).put("message", g.message())
                .put("progress", new JsonObject().put("cases_done", done).put("cases_total", total)
                        .put("fraction", fraction).put("finished_candidates", g.finishedCount()))
                .put("candidates", candidates);
        long elapsed = (g.status().finished() ? g.doneMillis() : now) - g.createdMillis();
        out.put("elapsed_seconds", elapsed / 1000.0);
        if (g.status() == GenerationStatus.RUNNING && done > 0 && done < total) {
            out.put("eta_seconds", (elapsed / 1000.0) * (total - done) / done);
        }
        return out;
    }
}
