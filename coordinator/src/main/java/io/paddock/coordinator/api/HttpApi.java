package io.paddock.coordinator.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.paddock.coordinator.GenerationRecipe;
import io.paddock.coordinator.hazelcast.FarmMaps;
import io.paddock.coordinator.metrics.FarmMetrics;
import io.paddock.coordinator.store.PackageStore;
import io.paddock.coordinator.store.PeerPackages;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.nio.file.Path;

/** The HTTP routes of a coordinator, assembled: packages, generations, dashboard, metrics. */
public final class HttpApi {
    private HttpApi() {
    }

    public static Router router(Vertx vertx, Context context, FarmMaps maps, PackageStore store, GenerationRecipe recipe,
                                FarmMetrics metrics, PrometheusMeterRegistry prometheus, String submitToken,
                                long maxPackageBytes, int maxRequestBytes, Path generationsDir, PeerPackages peers) {
        Router router = Router.router(vertx);
        Auth auth = new Auth(submitToken);
        new PackageRoutes(vertx, store, metrics, maxPackageBytes, peers).mount(router, auth);
        GenerationRoutes generations = new GenerationRoutes(vertx, context, maps, recipe, generationsDir, maxRequestBytes);
        generations.mount(router, auth);
        new DashboardRoutes(vertx, context, maps, generations).mount(router);
        new VolunteerRoutes().mount(router);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(prometheus.scrape()));
        router.route().last().handler(ctx -> Replies.error(ctx, 404, "no such resource: " + ctx.request().method()
                + " " + ctx.request().path()));
        return router;
    }
}
