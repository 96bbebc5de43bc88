package io.paddock.coordinator;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.paddock.coordinator.api.HttpApi;
import io.paddock.coordinator.dispatch.Dispatcher;
import io.paddock.coordinator.dispatch.Ingestion;
import io.paddock.coordinator.dispatch.LeaseSweeper;
import io.paddock.coordinator.dispatch.PlanCache;
import io.paddock.coordinator.dispatch.ShardSizer;
import io.paddock.coordinator.dispatch.WorkBoard;
import io.paddock.coordinator.hazelcast.FarmMaps;
import io.paddock.coordinator.metrics.FarmMetrics;
import io.paddock.coordinator.recovery.GenerationJournal;
import io.paddock.coordinator.recovery.Recovery;
import io.paddock.coordinator.results.PayloadStore;
import io.paddock.coordinator.results.ResultLog;
import io.paddock.coordinator.store.PackageStore;
import io.paddock.coordinator.store.PeerPackages;
import io.paddock.coordinator.workers.Admission;
import io.paddock.coordinator.workers.WorkerEndpoint;
import io.paddock.coordinator.workers.WorkerRegistry;
import io.paddock.protocol.generation.GenerationLimits;
import io.paddock.protocol.suite.SuiteLimits;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.nio.file.Path;

/**
 * Wires one coordinator on one event loop: the package store, the work board and plan cache,
 * dispatcher, ingestion, sweeper and recipe, the worker WebSocket and the HTTP routes. Its
 * {@link #start()} completes only once the server listens.
 */
final class CoordinatorVerticle extends VerticleBase {
    private final CoordinatorConfig config;
    private final FarmMaps maps;
    private final FarmMetrics metrics;
    private final PrometheusMeterRegistry prometheus;
    private final long referenceBytesPerToken;
    private final String memberId;
    private HttpServer server;
    private ResultLog log;
    private long sweepTimer = -1;
    private WorkerRegistry registry;

    CoordinatorVerticle(CoordinatorConfig config, FarmMaps maps, FarmMetrics metrics, PrometheusMeterRegistry prometheus,
                        long referenceBytesPerToken, String memberId) {
        this.config = config;
        this.maps = maps;
        this.metrics = metrics;
        this.prometheus = prometheus;
        this.referenceBytesPerToken = referenceBytesPerToken;
        this.memberId = memberId;
    }

    @Override
    public Future<?> start() {
        Path data = config.dataDir();
        Path generationsDir = data.resolve("generations");
        return vertx.executeBlocking(() -> PackageStore.open(data.resolve("packages"))).compose(store -> {
            log = new ResultLog(generationsDir, config.forceResults());
            registry = new WorkerRegistry(metrics);
            PlanCache plans = new PlanCache();
            WorkBoard board = new WorkBoard();
            long leaseMillis = config.timing().leaseMillis();
            ShardSizer sizer = new ShardSizer(config.units().fixedCases(), config.units().jvmSeconds(),
                    config.units().browserSeconds(), config.units().maxCases(), referenceBytesPerToken);
            Dispatcher dispatcher = new Dispatcher(context, maps, board, plans, sizer, registry, metrics, leaseMillis);
            int maxRequest = config.limits().maxRequestBytes();
            GenerationLimits limits = new GenerationLimits(maxRequest, GenerationLimits.DEFAULT.maxCandidates(),
                    GenerationLimits.DEFAULT.maxAdapters(), new SuiteLimits(maxRequest,
                    SuiteLimits.DEFAULT.maxLineChars(), SuiteLimits.DEFAULT.maxCases()));
            PayloadStore payloads = PayloadStore.of(maps, config.hazelcast().clustered());
            GenerationJournal journal = new GenerationJournal(generationsDir);
            GenerationRecipe recipe = new GenerationRecipe(vertx, context, maps, store, limits, config.policy(), plans,
                    board, dispatcher, registry, generationsDir, payloads, journal);
            Ingestion ingestion = new Ingestion(context, maps, plans, registry, log, payloads, metrics, dispatcher,
                    recipe, leaseMillis);
            LeaseSweeper sweeper = new LeaseSweeper(context, maps, board, registry, metrics, dispatcher, ingestion,
                    recipe, recipe::adopt);
            WorkerEndpoint endpoint = new WorkerEndpoint(context, maps,
                    new Admission(config.access().workerToken(), config.access().volunteers()), registry, dispatcher,
                    ingestion, config.limits().maxFrameBytes(), config.timing().heartbeatMillis());
            HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                    .setMaxWebSocketFrameSize(config.limits().maxFrameBytes())
                    .setMaxWebSocketMessageSize(config.limits().maxFrameBytes())
                    .setCompressionSupported(true);
            server = vertx.createHttpServer(options)
                    .webSocketHandshakeHandler(endpoint::handshake)
                    .webSocketHandler(endpoint::connected)
                    .requestHandler(HttpApi.router(vertx, context, maps, store, recipe, metrics, prometheus,
                            config.access().submitToken(), config.limits().maxPackageBytes(), maxRequest,
                            generationsDir, config.hazelcast().clustered()
                                    ? new PeerPackages(maps, store, memberId) : null));
            // A single member's shared state died with its process: rebuild it from the data folder before
            // listening. (In a cluster the other members hold it.)
            Future<Void> recovered = config.hazelcast().clustered() ? Future.succeededFuture()
                    : new Recovery(context, maps, journal, log, payloads, recipe, config.policy(),
                            config.limits().maxFrameBytes()).run();
            // the sweep starts once the recovered state is in place (it would otherwise judge a half-rebuilt board)
            return recovered.onSuccess(v -> sweepTimer = vertx.setPeriodic(config.timing().sweepMillis(),
                            t -> sweeper.sweep()))
                    .compose(v -> server.listen()).compose(s -> FarmMaps.on(context, maps.coordinators().setAsync(memberId,
                    advertised(s.actualPort()))).map(v -> s));
        });
    }

    /** The URL peers reach this coordinator at: its listen host, or its cluster interface when it listens on all. */
    private String advertised(int port) {
        String host = config.host().equals("0.0.0.0") ? config.hazelcast().bindHost() : config.host();
        return "http://" + host + ":" + port;
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
        if (registry != null) {
            for (var s : registry.sessions()) {
                s.close((short) 1001, "coordinator shutting down");
            }
        }
        maps.coordinators().removeAsync(memberId);
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.onComplete(ar -> {
            if (log != null) {
                log.close();
            }
        });
    }
}
