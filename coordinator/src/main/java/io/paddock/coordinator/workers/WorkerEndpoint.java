package io.paddock.coordinator.workers;

import io.paddock.coordinator.dispatch.Dispatcher;
import io.paddock.coordinator.dispatch.Ingestion;
import io.paddock.coordinator.hazelcast.FarmMaps;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.wire.WireCodec;
import io.paddock.protocol.wire.WireMessage;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker WebSocket, {@code /v1/workers}: JSON text frames of the worker protocol. The
 * first message must be a hello (within {@link #HELLO_TIMEOUT_MILLIS}); a malformed message, a
 * message out of turn or a refused hello closes the connection with 1008 (policy violation), a
 * binary frame with 1003; a message over the size limit with 1009 (a single frame over the
 * limit is refused by the WebSocket decoder itself, which closes the connection).
 * Everything after the hello is handed to the {@link Dispatcher} and the {@link Ingestion}.
 */
public final class WorkerEndpoint {
    public static final String PATH = "/v1/workers";
    public static final long HELLO_TIMEOUT_MILLIS = 10_000;
    public static final short POLICY_VIOLATION = 1008;
    public static final short UNSUPPORTED_DATA = 1003;
    public static final short MESSAGE_TOO_BIG = 1009;

    private static final Logger LOG = LoggerFactory.getLogger(WorkerEndpoint.class);

    private final Context context;
    private final FarmMaps maps;
    private final Admission admission;
    private final WorkerRegistry registry;
    private final Dispatcher dispatcher;
    private final Ingestion ingestion;
    private final int maxMessageChars;
    private final long heartbeatMillis;

    public WorkerEndpoint(Context context, FarmMaps maps, Admission admission, WorkerRegistry registry,
                          Dispatcher dispatcher, Ingestion ingestion, int maxMessageChars, long heartbeatMillis) {
        this.context = context;
        this.maps = maps;
        this.admission = admission;
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.ingestion = ingestion;
        this.maxMessageChars = maxMessageChars;
        this.heartbeatMillis = heartbeatMillis;
    }

    /** Accepts the WebSocket upgrade on {@link #PATH} only. */
    public void handshake(ServerWebSocketHandshake handshake) {
        if (PATH.equals(handshake.path())) {
            handshake.accept();
        } else {
            handshake.reject(404);
        }
    }

    /** A new connection: waits for its hello. */
    public void connected(ServerWebSocket socket) {
        Connection connection = new Connection(socket);
        long timer = context.owner().setTimer(HELLO_TIMEOUT_MILLIS, t -> {
            if (connection.session == null && !socket.isClosed()) {
                socket.close(POLICY_VIOLATION, "no hello within " + HELLO_TIMEOUT_MILLIS + " ms");
            }
        });
        socket.textMessageHandler(text -> onText(connection, text));
        socket.binaryMessageHandler(b -> socket.close(UNSUPPORTED_DATA, "the worker protocol uses JSON text frames"));
        socket.exceptionHandler(e -> {
            if (e instanceof IllegalStateException) {
                // Vert.x reports a reassembled message over the size limit this way; the frames are dropped.
                LOG.info("closing worker connection (1009): {}", e.getMessage());
                if (!socket.isClosed()) {
                    socket.close(MESSAGE_TOO_BIG, CloseReason.of("message exceeds " + maxMessageChars + " bytes"));
                }
            } else {
                LOG.debug("worker socket error: {}", e.toString());
            }
        });
        socket.closeHandler(v -> {
            context.owner().cancelTimer(timer);
            disconnected(connection);
        });
    }

    private static final class Connection {
        final ServerWebSocket socket;
        WorkerSession session;
        boolean helloSeen;

        Connection(ServerWebSocket socket) {
            this.socket = socket;
        }
    }

    private void onText(Connection c, String text) {
        WireMessage message;
        try {
            message = WireCodec.decode(text, maxMessageChars);
        } catch (FormatException e) {
            violation(c, "malformed message: " + e.getMessage());
            return;
        }
        try {
            route(c, message, text);
        } catch (FormatException e) {
            violation(c, e.getMessage());
        }
    }

    private void route(Connection c, WireMessage message, String text) {
        if (message instanceof WireMessage.Hello hello) {
            if (c.helloSeen) {
                violation(c, "hello sent twice");
            } else {
                c.helloSeen = true;
                hello(c, hello);
            }
            return;
        }
        WorkerSession s = c.session;
        if (s == null) {
            if (!c.helloSeen) {
                violation(c, "the first message must be a hello, got " + message.type());
            }
            return;
        }
        if (message instanceof WireMessage.Pull pull) {
            s.pulled(pull.freeSlots(), pull.leasesReceived());
            dispatcher.fill(s);
        } else if (message instanceof WireMessage.Heartbeat heartbeat) {
            ingestion.heartbeat(s, heartbeat);
        } else if (message instanceof WireMessage.Result result) {
            ingestion.result(s, result, text);
        } else if (message instanceof WireMessage.Failure failure) {
            ingestion.failure(s, failure);
        } else if (message instanceof WireMessage.Drain) {
            s.drain();
            LOG.info("worker {} is draining", s.id());
        } else {
            violation(c, "a worker may not send " + message.type() + " messages");
        }
    }

    private void hello(Connection c, WireMessage.Hello hello) {
        Admission.Verdict verdict = admission.admit(hello);
        if (!verdict.admitted()) {
            violation(c, verdict.reason());
            return;
        }
        FarmMaps.on(context, maps.quarantine().getAsync(hello.workerId())).onComplete(ar -> {
            if (ar.succeeded() && ar.result() != null) {
                violation(c, "quarantined: " + ar.result());
                return;
            }
            if (c.socket.isClosed()) {
                return;
            }
            WorkerInfo info = new WorkerInfo(hello.workerId(), hello.kind(), verdict.trusted(), hello.slots(),
                    hello.threads(), hello.simd(), hello.calibration().tokensPerSecond(), System.currentTimeMillis());
            WorkerSession session = new WorkerSession(info, c.socket, hello.cachedPackages());
            c.session = session;
            WorkerSession replaced = registry.add(session);
            if (replaced != null) {
                replaced.close(POLICY_VIOLATION, "replaced by a newer connection of the same worker");
            }
            maps.workers().setAsync(info.id(), info);
            session.send(new WireMessage.Welcome(WireMessage.VERSION, info.id(),
                    verdict.trusted() ? WireMessage.TRUSTED : WireMessage.UNTRUSTED, heartbeatMillis));
            LOG.info("worker {} connected: {} {}, {} slot(s), {} tokens/s on {}", info.id(), info.kind(),
                    verdict.trusted() ? "trusted" : "untrusted", info.slots(),
                    Math.round(info.tokensPerSecond()), hello.calibration().workload());
        });
    }

    private void disconnected(Connection c) {
        WorkerSession s = c.session;
        if (s == null) {
            return;
        }
        s.markClosed();
        if (registry.get(s.id()) == s) {
            registry.remove(s);
            maps.workers().removeAsync(s.id());
            LOG.info("worker {} disconnected; its {} lease(s) stay until they expire", s.id(), s.running().size());
        }
    }

    private void violation(Connection c, String reason) {
        LOG.info("closing worker connection (1008): {}", reason);
        if (!c.socket.isClosed()) {
            c.socket.close(POLICY_VIOLATION, CloseReason.of(reason));
        }
    }
}
