package io.paddock.coordinator.api;

import io.paddock.coordinator.hazelcast.FarmMaps;
import io.paddock.coordinator.results.ReportRecord;
import io.paddock.coordinator.schedule.GenerationRecord;
import io.paddock.coordinator.schedule.GenerationStatus;
import io.paddock.coordinator.workers.WorkerInfo;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The live page at {@code /} (plain HTML and JavaScript that polls {@code /v1/overview} once a
 * second: generations with progress, workers, the latest leaderboard) and the JSON it reads,
 * plus {@code GET /v1/workers}.
 */
final class DashboardRoutes {
    static final String PAGE = "webroot/index.html";
    private static final int SHOWN_GENERATIONS = 12;

    private final Vertx vertx;
    private final Context context;
    private final FarmMaps maps;
    private final GenerationRoutes generations;
    private final String page;

    DashboardRoutes(Vertx vertx, Context context, FarmMaps maps, GenerationRoutes generations) {
        this.vertx = vertx;
        this.context = context;
        this.maps = maps;
        this.generations = generations;
        this.page = resource(PAGE);
    }

    void mount(Router router) {
        router.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(page));
        router.get("/v1/overview").handler(this::overview);
        router.get("/v1/workers").handler(this::workers);
    }

    private void workers(RoutingContext ctx) {
        workerList().onSuccess(w -> Replies.json(ctx, 200, w)).onFailure(e -> Replies.error(ctx, 500, e.getMessage()));
    }

    private Future<JsonArray> workerList() {
        return vertx.executeBlocking(() -> new ArrayList<>(maps.workers().values()), false).map(all -> {
            all.sort(Comparator.comparing(WorkerInfo::id));
            JsonArray out = new JsonArray();
            for (WorkerInfo w : all) {
                out.add(new JsonObject().put("id", w.id()).put("kind", w.kind())
                        .put("trust", w.trusted() ? "trusted" : "untrusted").put("slots", w.slots())
                        .put("threads", w.threads()).put("simd", w.simd())
                        .put("tokens_per_second", Math.round(w.tokensPerSecond())).put("connected", w.connectedMillis()));
            }
            return out;
        });
    }

    private void overview(RoutingContext ctx) {
        Future<List<GenerationRecord>> recent = vertx.executeBlocking(() -> {
            List<GenerationRecord> all = new ArrayList<>(maps.generations().values());
            all.sort(Comparator.comparingLong(GenerationRecord::createdMillis).reversed());
            return all.subList(0, Math.min(SHOWN_GENERATIONS, all.size()));
        }, false);
        recent.compose(list -> {
            List<Future<JsonObject>> views = new ArrayList<>();
            for (GenerationRecord g : list) {
                views.add(generations.view(g.id()));
            }
            Future<ReportRecord> latest = list.stream().filter(g -> g.status() == GenerationStatus.DONE).findFirst()
                    .map(g -> FarmMaps.on(context, maps.reports().getAsync(g.id())))
                    .orElse(Future.succeededFuture(null));
            String latestId = list.stream().filter(g -> g.status() == GenerationStatus.DONE).findFirst()
                    .map(GenerationRecord::id).orElse(null);
            return Future.join(Future.all(views), latest, workerList()).map(v -> {
                JsonArray gens = new JsonArray();
                for (Future<JsonObject> f : views) {
                    if (f.succeeded() && f.result() != null) {
                        gens.add(f.result());
                    }
                }
                JsonObject out = new JsonObject().put("generations", gens)
                        .put("workers", workerListResult(v.resultAt(2)));
                ReportRecord report = latest.succeeded() ? latest.result() : null;
                if (report != null) {
                    out.put("leaderboard", new JsonObject().put("generation", latestId)
                            .put("ranking", new JsonObject(report.rankingJson())));
                }
                return out;
            });
        }).onSuccess(o -> Replies.json(ctx, 200, o)).onFailure(e -> Replies.error(ctx, 500, e.getMessage()));
    }

    private static JsonArray workerListResult(Object o) {
        return o instanceof JsonArray a ? a : new JsonArray();
    }

    static String resource(String name) {
        try (InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                return "<!doctype html><title>Paddock</title><p>dashboard page missing from the build";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
