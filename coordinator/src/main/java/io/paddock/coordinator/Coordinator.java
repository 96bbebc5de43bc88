package io.paddock.coordinator;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.paddock.coordinator.hazelcast.EmbeddedHazelcast;
import io.paddock.coordinator.hazelcast.FarmMaps;
import io.paddock.coordinator.metrics.FarmMetrics;
import io.paddock.runtime.model.CostModel;
import io.paddock.runtime.eval.ReferenceWorkload;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running coordinator: its Vert.x instance (with Micrometer wired once, to this
 * coordinator's own Prometheus registry), its Hazelcast member and its verticle.
 * {@link #start} completes when the HTTP server listens.
 */
public final class Coordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

    /** What starting takes off the event loop: the Hazelcast member, and the reference workload's cost. */
    private record Member(HazelcastInstance hazelcast, long referenceBytesPerToken) {
    }

    private final CoordinatorConfig config;
    private final Vertx vertx;
    private final HazelcastInstance hazelcast;
    private final PrometheusMeterRegistry prometheus;
    private final CoordinatorVerticle verticle;

    private Coordinator(CoordinatorConfig config, Vertx vertx, HazelcastInstance hazelcast,
                        PrometheusMeterRegistry prometheus, CoordinatorVerticle verticle) {
        this.config = config;
        this.vertx = vertx;
        this.hazelcast = hazelcast;
        this.prometheus = prometheus;
        this.verticle = verticle;
    }

    public static Future<Coordinator> start(CoordinatorConfig config) {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(prometheus))
                .build();
        FarmMetrics metrics = new FarmMetrics(prometheus);
        return vertx.executeBlocking(() -> new Member(EmbeddedHazelcast.start(config.hazelcast()),
                CostModel.bytesPerToken(ReferenceWorkload.model()))).compose(member -> {
            HazelcastInstance hz = member.hazelcast();
            CoordinatorVerticle verticle = new CoordinatorVerticle(config, new FarmMaps(hz), metrics, prometheus,
                    member.referenceBytesPerToken(), hz.getCluster().getLocalMember().getUuid().toString());
            return vertx.deployVerticle(verticle)
                    .map(id -> new Coordinator(config, vertx, hz, prometheus, verticle))
                    .onFailure(e -> {
                        hz.shutdown();
                        vertx.close();
                    });
        }).onSuccess(c -> LOG.info("coordinator listening on {} (data in {})", c.url(), config.dataDir()))
                .onFailure(e -> vertx.close());
    }

    /** The port the HTTP server listens on. */
    public int port() {
        return verticle.port();
    }

    /** {@code http://host:port} as a worker or client on this machine reaches it. */
    public String url() {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return "http://" + host + ":" + port();
    }

    public String submitToken() {
        return config.access().submitToken();
    }

    public String workerToken() {
        return config.access().workerToken();
    }

    public CoordinatorConfig config() {
        return config;
    }

    public Vertx vertx() {
        return vertx;
    }

    public PrometheusMeterRegistry meterRegistry() {
        return prometheus;
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    @Override
    public void close() {
        try {
            vertx.close().await();
        } finally {
            hazelcast.shutdown();
            prometheus.close();
        }
    }
}
