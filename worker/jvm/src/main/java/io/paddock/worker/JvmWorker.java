package io.paddock.worker;

import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.wire.WireCodec;
import io.paddock.protocol.wire.WireMessage;
import io.paddock.runtime.eval.ReferenceWorkload;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.vector.JvmKernels;
import io.paddock.vector.Q4TileCache;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lab-machine worker. Calibrates once at start (the fixed reference workload), then
 * connects to the coordinator's WebSocket, says hello with its kind, capabilities, calibration
 * and cached packages, and pulls work: each lease runs on an evaluation thread (never on the
 * event loop) and its result is sent and kept until acknowledged. While it holds leases it
 * sends heartbeats. When the connection drops it reconnects with exponential backoff and
 * jitter, resending unacknowledged results; {@link #drain} finishes what it holds and leaves.
 * Connection state is confined to one Vert.x context.
 */
public final class JvmWorker {
    private static final Logger LOG = LoggerFactory.getLogger(JvmWorker.class);
    private static final int MAX_MESSAGE_BYTES = 64 << 20;

    private record Held(WireMessage.Lease lease, AtomicBoolean cancelled) {
    }

    /** One evaluation thread's kernels and runner. */
    private record Slot(Kernels kernels, UnitRunner runner) {
    }

    private final Vertx vertx;
    private final boolean ownVertx;
    private final Context context;
    private final WorkerConfig config;
    private final PackageCache cache;
    private final CandidateLoader loader;
    private final ExecutorService evaluators;
    private final List<Kernels> kernels = new ArrayList<>();
    private final ThreadLocal<Slot> slots;
    private final WebSocketClient client;
    private final Map<String, Held> running = new LinkedHashMap<>();
    private final Map<String, WireMessage> outbox = new LinkedHashMap<>();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger holding = new AtomicInteger();
    private final Promise<Void> firstWelcome = Promise.promise();
    private WireMessage.Calibration calibration;
    private WebSocket socket;
    private boolean welcomed;
    private boolean draining;
    private boolean stopped;
    private long leasesReceived;
    private long backoff;
    private long heartbeatTimer = -1;
    private String trust = "";

    private JvmWorker(Vertx vertx, boolean ownVertx, WorkerConfig config) throws IOException {
        this.vertx = vertx;
        this.ownVertx = ownVertx;
        this.context = vertx.getOrCreateContext();
        this.config = config;
        this.cache = new PackageCache(config.cacheDir(), config.httpBase(), config.workerId());
        this.loader = new CandidateLoader(cache, config.slots());
        AtomicInteger n = new AtomicInteger();
        this.evaluators = Executors.newFixedThreadPool(config.slots(), r -> {
            Thread t = new Thread(r, "paddock-eval-" + config.workerId() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Q4TileCache tiles = new Q4TileCache();                  // one tiled copy per q4_0 matrix for all slots
        this.slots = ThreadLocal.withInitial(() -> {
            Kernels k = JvmKernels.create(config.simd(), config.threads(), tiles);
            synchronized (kernels) {
                kernels.add(k);
            }
            return new Slot(k, new UnitRunner(loader, k));
        });
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(MAX_MESSAGE_BYTES)
                .setMaxMessageSize(MAX_MESSAGE_BYTES).setConnectTimeout(10_000));
        this.backoff = config.minBackoffMillis();
    }

    /**
     * Starts a worker: calibrates, then connects. The future completes once the coordinator has
     * welcomed it (the worker keeps reconnecting if the coordinator is not there yet).
     *
     * @param vertx a Vert.x instance to share, or null to create one (closed with the worker)
     */
    public static Future<JvmWorker> start(Vertx vertx, WorkerConfig config) {
        Vertx v = vertx != null ? vertx : Vertx.vertx();
        JvmWorker worker;
        try {
            worker = new JvmWorker(v, vertx == null, config);
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        Promise<WireMessage.Calibration> calibrated = Promise.promise();
        worker.evaluators.submit(() -> {
            try {
                calibrated.complete(ReferenceWorkload.measure(worker.slots.get().kernels()));
            } catch (RuntimeException | Error e) {
                calibrated.fail(e);
            }
        });
        return calibrated.future().compose(c -> {
            Promise<Void> connected = Promise.promise();
            worker.context.runOnContext(x -> {
                worker.calibration = c;
                LOG.info("worker {} calibrated: {} tokens/s on {}", config.workerId(), Math.round(c.tokensPerSecond()),
                        c.workload());
                worker.connect();
                connected.complete();
            });
            return connected.future();
        }).compose(x -> worker.firstWelcome.future()).map(x -> worker);
    }

    public String id() {
        return config.workerId();
    }

    public PackageCache cache() {
        return cache;
    }

    public WireMessage.Calibration calibration() {
        return calibration;
    }

    /** Units finished (result or failure sent) since start. */
    public int completedUnits() {
        return completed.get();
    }

    /** Leases received and not yet finished. */
    public int runningUnits() {
        return holding.get();
    }

    /** The trust level the coordinator granted at the last welcome. */
    public String trust() {
        return trust;
    }

    // ------------------------------------------------------------------ connection

    private void connect() {
        if (stopped) {
            return;
        }
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(config.coordinator().getHost())
                .setPort(config.port()).setSsl(config.secure()).setURI("/v1/workers");
        client.connect(options).onComplete(ar -> {
            if (ar.failed()) {
                LOG.debug("worker {} cannot reach the coordinator: {}", config.workerId(), ar.cause().toString());
                reconnectLater();
                return;
            }
            if (stopped) {
                ar.result().close();
                return;
            }
            opened(ar.result());
        });
    }

    private void opened(WebSocket ws) {
        socket = ws;
        welcomed = false;
        leasesReceived = 0;
        ws.textMessageHandler(this::onText);
        ws.exceptionHandler(e -> LOG.debug("worker socket error: {}", e.toString()));
        ws.closeHandler(v -> closed(ws));
        send(new WireMessage.Hello(WireMessage.VERSION, config.workerId(), WireMessage.KIND_JVM, config.token(),
                config.slots(), config.threads(), config.simd(), calibration, cache.held()));
    }

    private void closed(WebSocket ws) {
        if (socket != ws) {
            return;
        }
        socket = null;
        boolean wasWelcomed = welcomed;
        welcomed = false;
        Short code = ws.closeStatusCode();
        if (!wasWelcomed && code != null && code == 1008) {
            LOG.error("coordinator refused worker {}: {}", config.workerId(), ws.closeReason());
            if (!firstWelcome.future().isComplete()) {
                stopped = true;
                firstWelcome.tryFail("coordinator refused the worker: " + ws.closeReason());
                return;
            }
        }
        if (!stopped) {
            LOG.info("worker {} lost its coordinator ({} {}); reconnecting", config.workerId(), code, ws.closeReason());
            reconnectLater();
        }
    }

    private void reconnectLater() {
        if (stopped) {
            return;
        }
        long delay = backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        backoff = Math.min(config.maxBackoffMillis(), backoff * 2);
        vertx.setTimer(delay, t -> context.runOnContext(v -> connect()));
    }

    private void send(WireMessage message) {
        WebSocket ws = socket;
        if (ws != null && !ws.isClosed()) {
            ws.writeTextMessage(WireCodec.encode(message));
        }
    }

    // ------------------------------------------------------------------ protocol

    private void onText(String text) {
        WireMessage message;
        try {
            message = WireCodec.decode(text, MAX_MESSAGE_BYTES);
        } catch (FormatException e) {
            LOG.warn("ignoring a malformed message from the coordinator: {}", e.getMessage());
            return;
        }
        if (message instanceof WireMessage.Welcome w) {
            welcome(w);
        } else if (message instanceof WireMessage.Lease lease) {
            lease(lease);
        } else if (message instanceof WireMessage.Ack ack) {
            WireMessage pending = outbox.get(ack.unitId());
            if (pending != null && epochOf(pending) == ack.epoch()) {
                outbox.remove(ack.unitId());
            }
            if (!ack.outcome().equals(WireMessage.ACCEPTED)) {
                LOG.debug("unit {} acknowledged as {}", ack.unitId(), ack.outcome());
            }
        } else if (message instanceof WireMessage.Cancel cancel) {
            Held h = running.get(cancel.unitId());
            if (h != null && h.lease().epoch() == cancel.epoch()) {
                h.cancelled().set(true);
            }
            outbox.remove(cancel.unitId());
        } else {
            LOG.warn("ignoring a {} message from the coordinator", message.type());
        }
    }

    private void welcome(WireMessage.Welcome w) {
        welcomed = true;
        trust = w.trust();
        backoff = config.minBackoffMillis();
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
        heartbeatTimer = vertx.setPeriodic(w.heartbeatMillis(), t -> context.runOnContext(v -> heartbeat()));
        for (WireMessage m : new ArrayList<>(outbox.values())) {
            send(m);
        }
        heartbeat();
        if (draining) {
            send(new WireMessage.Drain());
        } else {
            pull();
        }
        firstWelcome.tryComplete();
    }

    private void lease(WireMessage.Lease lease) {
        leasesReceived++;
        if (stopped) {
            return;
        }
        // While draining, a lease granted before the coordinator saw the drain is still run: it is held.
        Held held = new Held(lease, new AtomicBoolean());
        running.put(lease.unitId(), held);
        holding.set(running.size());
        evaluators.submit(() -> {
            WireMessage outcome;
            try {
                outcome = slots.get().runner().run(lease, held.cancelled()::get);
            } catch (RuntimeException | Error e) {
                LOG.error("unit {} crashed the evaluator", lease.unitId(), e);
                outcome = null;
            }
            WireMessage done = outcome;
            context.runOnContext(v -> finished(lease, held, done));
        });
    }

    private void finished(WireMessage.Lease lease, Held held, WireMessage outcome) {
        if (running.get(lease.unitId()) == held) {
            running.remove(lease.unitId());
        }
        holding.set(running.size());
        if (stopped) {
            return;
        }
        if (outcome != null && !held.cancelled().get()) {
            completed.incrementAndGet();
            outbox.put(lease.unitId(), outcome);
            send(outcome);
        }
        pull();
    }

    private void pull() {
        if (welcomed && !draining && !stopped) {
            send(new WireMessage.Pull(Math.max(0, config.slots() - running.size()), leasesReceived));
        }
    }

    private void heartbeat() {
        if (!welcomed || running.isEmpty()) {
            return;
        }
        List<WireMessage.LeaseRef> refs = new ArrayList<>(running.size());
        for (Held h : running.values()) {
            refs.add(new WireMessage.LeaseRef(h.lease().unitId(), h.lease().epoch()));
        }
        send(new WireMessage.Heartbeat(refs));
    }

    private static long epochOf(WireMessage m) {
        if (m instanceof WireMessage.Result r) {
            return r.epoch();
        }
        return ((WireMessage.Failure) m).epoch();
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Graceful drain: asks for no more work, finishes the leases it holds, waits until their
     * results are acknowledged (at most {@code timeoutMillis}), then disconnects and stops.
     */
    public Future<Void> drain(long timeoutMillis) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            draining = true;
            send(new WireMessage.Drain());
            long deadline = System.currentTimeMillis() + timeoutMillis;
            vertx.setPeriodic(50, t -> {
                if ((running.isEmpty() && outbox.isEmpty()) || System.currentTimeMillis() > deadline) {
                    vertx.cancelTimer(t);
                    stop((short) 1000, "worker drained").onComplete(ar -> finish(done, ar));
                }
            });
        });
        return done.future();
    }

    /** Stops at once, as if the process died: held leases are abandoned (they expire), nothing is resent. */
    public Future<Void> kill() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            for (Held h : running.values()) {
                h.cancelled().set(true);
            }
            running.clear();
            outbox.clear();
            stop((short) 1001, "worker killed").onComplete(ar -> finish(done, ar));
        });
        return done.future();
    }

    /** Drops the connection as a network failure would; the worker keeps working and reconnects. */
    public void dropConnection() {
        context.runOnContext(v -> {
            if (socket != null) {
                socket.close((short) 1001, "connection dropped");
            }
        });
    }

    private Future<Void> stop(short code, String reason) {
        stopped = true;
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
        Future<Void> closed = socket != null ? socket.close(code, reason) : Future.succeededFuture();
        return closed.transform(ar -> {
            evaluators.shutdownNow();
            synchronized (kernels) {
                for (Kernels k : kernels) {
                    if (k instanceof AutoCloseable c) {
                        try {
                            c.close();
                        } catch (Exception ignored) {
                            // shutting down
                        }
                    }
                }
            }
            return client.close();
        });
    }

    /**
     * Reports the end of a drain or kill, then closes a Vert.x instance this worker created. In that
     * order: once Vert.x closes, its event loops refuse new tasks, so a completion emitted after the
     * close would be lost (a SIGTERM drain would then wait out its whole timeout).
     */
    private void finish(Promise<Void> done, AsyncResult<Void> result) {
        done.handle(result);
        if (ownVertx) {
            vertx.close();
        }
    }
}
