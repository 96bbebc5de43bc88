package io.paddock.coordinator.api;

import io.paddock.coordinator.GenerationRecipe;
import io.paddock.coordinator.flow.GenerationPlan;
import io.paddock.coordinator.flow.ReportStage;
import io.paddock.coordinator.flow.Submission;
import io.paddock.coordinator.flow.SubmissionRejected;
import io.paddock.coordinator.hazelcast.FarmMaps;
import io.paddock.coordinator.results.ReportRecord;
import io.paddock.coordinator.schedule.CandidateWork;
import io.paddock.coordinator.schedule.GenerationRecord;
import io.paddock.coordinator.schedule.GenerationStatus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The generations API: {@code POST /v1/generations} (submit token; {@code ?candidates=fail}
 * lets a candidate that cannot run fail alone instead of rejecting the generation),
 * {@code GET /v1/generations[/{id}]}, {@code GET …/ranking[?format=json|csv|table][&section=deterministic]},
 * {@code GET …/evidence} (JSONL), {@code DELETE …} (submit token; cancels).
 */
final class GenerationRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationRoutes.class);

    private final Vertx vertx;
    private final Context context;
    private final FarmMaps maps;
    private final GenerationRecipe recipe;
    private final Path generationsDir;
    private final int maxRequestBytes;

    GenerationRoutes(Vertx vertx, Context context, FarmMaps maps, GenerationRecipe recipe, Path generationsDir,
                     int maxRequestBytes) {
        this.vertx = vertx;
        this.context = context;
        this.maps = maps;
        this.recipe = recipe;
        this.generationsDir = generationsDir;
        this.maxRequestBytes = maxRequestBytes;
    }

    void mount(Router router, Auth auth) {
        router.post("/v1/generations").handler(BodyHandler.create(false).setBodyLimit(maxRequestBytes))
                .handler(auth).handler(this::submit);
        router.get("/v1/generations").handler(this::list);
        router.get("/v1/generations/:id").handler(this::status);
        router.get("/v1/generations/:id/ranking").handler(this::ranking);
        router.get("/v1/generations/:id/evidence").handler(this::evidence);
        router.delete("/v1/generations/:id").handler(auth).handler(this::cancel);
    }

    private void submit(RoutingContext ctx) {
        String body = ctx.body().asString("UTF-8");
        if (body == null || body.isBlank()) {
            Replies.error(ctx, 400, "the request body must be a generation (JSON)");
            return;
        }
        String mode = ctx.queryParams().get("candidates");
        if (mode != null && !mode.equals("fail") && !mode.equals("reject")) {
            Replies.error(ctx, 400, "query parameter 'candidates' must be 'reject' (default) or 'fail', got '" + mode + "'");
            return;
        }
        recipe.submit(new Submission(body, "fail".equals(mode)))
                .onSuccess(plan -> Replies.json(ctx, 201, new JsonObject().put("id", plan.id())
                        .put("name", plan.name()).put("candidates", plan.candidates().size())
                        .put("cases", plan.cases().size())))
                .onFailure(e -> {
                    if (e instanceof SubmissionRejected r) {
                        Replies.error(ctx, r.status(), r.getMessage());
                    } else {
                        LOG.error("submission failed", e);
                        Replies.error(ctx, 500, "submission failed: " + e.getMessage());
                    }
                });
    }

    private void list(RoutingContext ctx) {
        vertx.executeBlocking(() -> new ArrayList<>(maps.generations().values()), false).onSuccess(all -> {
            all.sort(Comparator.comparingLong(GenerationRecord::createdMillis).reversed());
            JsonArray out = new JsonArray();
            for (GenerationRecord g : all) {
                out.add(new JsonObject().put("id", g.id()).put("name", g.name()).put("status", g.status().label())
                        .put("created", g.createdMillis()).put("candidates", g.candidateCount())
                        .put("cases", g.caseCount()).put("finished_candidates", g.finishedCount()));
            }
            Replies.json(ctx, 200, out);
        }).onFailure(e -> Replies.error(ctx, 500, e.getMessage()));
    }

    private void status(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        view(id).onSuccess(v -> {
            if (v == null) {
                Replies.error(ctx, 404, "generation " + id + " is unknown");
            } else {
                Replies.json(ctx, 200, v);
            }
        }).onFailure(e -> Replies.error(ctx, 500, e.getMessage()));
    }

    /** The status document of a generation, or null if unknown. */
    Future<JsonObject> view(String id) {
        return FarmMaps.on(context, maps.generations().getAsync(id)).compose(g -> {
            if (g == null) {
                return Future.succeededFuture(null);
            }
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < g.candidateCount(); i++) {
                keys.add(CandidateWork.key(id, i));
            }
            Future<Map<String, CandidateWork>> works = vertx.executeBlocking(() -> maps.work().getAll(keys), false);
            Future<ReportRecord> report = FarmMaps.on(context, maps.reports().getAsync(id));
            Future<GenerationPlan> plan = recipe.plan(id);
            return Future.all(works, report, plan).map(v -> GenerationView.of(g, plan.result(), works.result(),
                    report.result(), System.currentTimeMillis()));
        });
    }

    private void ranking(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String format = ctx.queryParams().get("format");
        if (format == null) {
            format = "json";
        }
        if (!format.equals("json") && !format.equals("csv") && !format.equals("table")) {
            Replies.error(ctx, 400, "format must be json, csv or table, got '" + format + "'");
            return;
        }
        String section = ctx.queryParams().get("section");
        if (section != null && !section.equals("all") && !section.equals("deterministic")) {
            Replies.error(ctx, 400, "section must be all or deterministic, got '" + section + "'");
            return;
        }
        boolean deterministic = "deterministic".equals(section);
        String f = format;
        withFinished(ctx, id, report -> {
            switch (f) {
                case "csv":
                    ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8").end(report.rankingCsv());
                    break;
                case "table":
                    ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(report.table());
                    break;
                default:
                    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                            .end(deterministic ? report.deterministic() : report.rankingJson());
            }
        });
    }

    private void evidence(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        withFinished(ctx, id, report -> {
            Path file = generationsDir.resolve(id).resolve(ReportStage.EVIDENCE_JSONL);
            if (!Files.isRegularFile(file)) {
                Replies.error(ctx, 404, "the evidence of " + id + " was written by another coordinator");
                return;
            }
            ctx.response().putHeader("Content-Type", "application/x-ndjson; charset=utf-8").sendFile(file.toString());
        });
    }

    private void withFinished(RoutingContext ctx, String id, java.util.function.Consumer<ReportRecord> then) {
        FarmMaps.on(context, maps.reports().getAsync(id)).onSuccess(report -> {
            if (report != null) {
                then.accept(report);
                return;
            }
            FarmMaps.on(context, maps.generations().getAsync(id)).onSuccess(g -> {
                if (g == null) {
                    Replies.error(ctx, 404, "generation " + id + " is unknown");
                } else if (g.status() == GenerationStatus.CANCELLED || g.status() == GenerationStatus.FAILED) {
                    Replies.error(ctx, 409, "generation " + id + " is " + g.status().label() + ": no ranking"
                            + (g.message().isEmpty() ? "" : " (" + g.message() + ")"));
                } else {
                    Replies.error(ctx, 409, "generation " + id + " is " + g.status().label() + "; its ranking is not ready");
                }
            }).onFailure(e -> Replies.error(ctx, 500, e.getMessage()));
        }).onFailure(e -> Replies.error(ctx, 500, e.getMessage()));
    }

    private void cancel(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        FarmMaps.on(context, maps.generations().getAsync(id)).onSuccess(g -> {
            if (g == null) {
                Replies.error(ctx, 404, "generation " + id + " is unknown");
                return;
            }
            recipe.cancel(id).onSuccess(cancelled -> {
                if (cancelled) {
                    Replies.json(ctx, 200, new JsonObject().put("id", id).put("status", GenerationStatus.CANCELLED.label()));
                } else {
                    Replies.error(ctx, 409, "generation " + id + " is " + g.status().label() + " and cannot be cancelled");
                }
            }).onFailure(e -> Replies.error(ctx, 500, e.getMessage()));
        }).onFailure(e -> Replies.error(ctx, 500, e.getMessage()));
    }
}
