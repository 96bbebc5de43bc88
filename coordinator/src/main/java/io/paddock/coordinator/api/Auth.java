package io.paddock.coordinator.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The submit token check: {@code Authorization: Bearer <token>}. Missing → 401 (with
 * {@code WWW-Authenticate}), wrong → 403. Compared in constant time.
 */
final class Auth implements Handler<RoutingContext> {
    private final byte[] token;

    Auth(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"paddock\"");
            Replies.error(ctx, 401, "this request needs the submit token: send 'Authorization: Bearer <token>'");
            return;
        }
        byte[] given = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token, given)) {
            Replies.error(ctx, 403, "wrong submit token");
            return;
        }
        ctx.next();
    }
}
