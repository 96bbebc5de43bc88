package io.paddock.coordinator.api;

import io.paddock.coordinator.metrics.FarmMetrics;
import io.paddock.coordinator.store.PackageInfo;
import io.paddock.coordinator.store.PackageStore;
import io.paddock.coordinator.store.PeerPackages;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.hash.Digest;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code PUT /v1/packages} (body = the package bytes, streamed to disk, size-limited, then
 * hashed and fully verified off the event loop) and {@code GET}/{@code HEAD
 * /v1/packages/{digest}}. A package that does not verify is a 422 naming the rule, the offset
 * and the bad value; an oversized one a 413. In a cluster, a package this coordinator lacks is
 * fetched from its peers the first time it is asked for.
 */
final class PackageRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(PackageRoutes.class);

    private final Vertx vertx;
    private final PackageStore store;
    private final FarmMetrics metrics;
    private final long maxBytes;
    private final PeerPackages peers;

    PackageRoutes(Vertx vertx, PackageStore store, FarmMetrics metrics, long maxBytes, PeerPackages peers) {
        this.vertx = vertx;
        this.store = store;
        this.metrics = metrics;
        this.maxBytes = maxBytes;
        this.peers = peers;
    }

    void mount(Router router, Auth auth) {
        router.put("/v1/packages").handler(auth).handler(this::put);
        router.route(HttpMethod.GET, "/v1/packages/:digest").handler(this::get);
        router.route(HttpMethod.HEAD, "/v1/packages/:digest").handler(this::get);
    }

    private void put(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                Replies.error(ctx, 400, "Content-Length must be a number, got '" + length + "'");
                return;
            }
            if (declared > maxBytes) {
                ctx.response().putHeader("Connection", "close");
                Replies.error(ctx, 413, "package of " + declared + " bytes exceeds the limit of " + maxBytes + " bytes");
                return;
            }
        }
        request.pause();
        Path upload = store.newUploadFile();
        vertx.fileSystem().open(upload.toString(), new OpenOptions().setCreateNew(true).setWrite(true))
                .onFailure(e -> {
                    request.resume();
                    Replies.error(ctx, 500, "cannot store the upload: " + e.getMessage());
                })
                .onSuccess(file -> receive(ctx, request, file, upload));
    }

    private void receive(RoutingContext ctx, HttpServerRequest request, AsyncFile file, Path upload) {
        long[] received = {0};
        boolean[] aborted = {false};
        request.handler(buffer -> {
            if (aborted[0]) {
                return;
            }
            received[0] += buffer.length();
            if (received[0] > maxBytes) {
                aborted[0] = true;
                file.close().onComplete(v -> vertx.fileSystem().delete(upload.toString()));
                ctx.response().putHeader("Connection", "close");
                Replies.error(ctx, 413, "package exceeds the limit of " + maxBytes + " bytes");
                return;
            }
            file.write(buffer);
            if (file.writeQueueFull()) {
                request.pause();
                file.drainHandler(v -> request.resume());
            }
        });
        request.exceptionHandler(e -> {
            aborted[0] = true;
            file.close().onComplete(v -> vertx.fileSystem().delete(upload.toString()));
        });
        request.endHandler(v -> {
            if (aborted[0]) {
                return;
            }
            file.close()
                    .compose(x -> vertx.executeBlocking(() -> store.ingest(upload), false))
                    .onSuccess(info -> Replies.json(ctx, 201, describe(info)))
                    .onFailure(e -> {
                        deleteQuietly(upload);
                        if (e instanceof FormatException f) {
                            Replies.error(ctx, 422, "package refused: " + f.getMessage());
                        } else {
                            LOG.error("storing a package failed", e);
                            Replies.error(ctx, 500, "storing the package failed: " + e.getMessage());
                        }
                    });
        });
        request.resume();
    }

    private void get(RoutingContext ctx) {
        String digest = ctx.pathParam("digest");
        try {
            Digest.parse(digest);
        } catch (FormatException e) {
            Replies.error(ctx, 400, e.getMessage());
            return;
        }
        Optional<PackageInfo> info = store.info(digest);
        if (info.isPresent()) {
            serve(ctx, digest, info.get());
        } else if (peers == null || ctx.request().getHeader(PeerPackages.PEER_HEADER) != null) {
            Replies.error(ctx, 404, "package " + digest + " is unknown to this coordinator");
        } else {
            vertx.executeBlocking(() -> peers.fetch(digest), false).onComplete(ar -> {
                if (ar.succeeded() && ar.result().isPresent()) {
                    serve(ctx, digest, ar.result().get());
                } else {
                    Replies.error(ctx, 404, "package " + digest + " is unknown to this coordinator and its peers");
                }
            });
        }
    }

    private void serve(RoutingContext ctx, String digest, PackageInfo info) {
        ctx.response().putHeader("Content-Type", "application/octet-stream")
                .putHeader("X-Paddock-Package-Kind", info.kind().label())
                .putHeader("ETag", "\"" + digest + "\"");
        if (ctx.request().method() == HttpMethod.HEAD) {
            ctx.response().putHeader("Content-Length", Long.toString(info.bytes())).end();
            return;
        }
        ctx.response().sendFile(store.blob(digest).toString()).onSuccess(v -> metrics.bytesServed(info.bytes()));
    }

    static JsonObject describe(PackageInfo info) {
        return new JsonObject().put("digest", info.digest()).put("bytes", info.bytes())
                .put("kind", info.kind().label()).put("detail", info.detail());
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (java.io.IOException ignored) {
            // best effort
        }
    }
}
