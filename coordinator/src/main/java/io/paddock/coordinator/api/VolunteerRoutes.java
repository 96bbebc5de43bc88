package io.paddock.coordinator.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The volunteer page, {@code /volunteer}: the browser worker's static files (page, Web Worker,
 * TeaVM runtime, kernels), served from the classpath where the {@code paddock-worker-browser} jar
 * puts them. Revalidated on every load ({@code max-age=0}), so a new build is picked up at once.
 */
final class VolunteerRoutes {
    /** Where the browser worker's jar keeps the page. */
    static final String RESOURCES = "META-INF/resources/paddock/volunteer";

    void mount(Router router) {
        // "/volunteer" also matches "/volunteer/": redirect only the bare path (the page's relative URLs need the slash)
        router.get("/volunteer").handler(ctx -> {
            if (ctx.request().path().equals("/volunteer")) {
                ctx.redirect("/volunteer/");
            } else {
                ctx.next();
            }
        });
        StaticHandler files = StaticHandler.create(RESOURCES).setCachingEnabled(true).setMaxAgeSeconds(0);
        router.route("/volunteer/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(files);
    }
}
