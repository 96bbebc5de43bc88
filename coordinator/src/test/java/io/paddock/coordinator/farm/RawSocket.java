package io.paddock.coordinator.farm;

import io.paddock.protocol.wire.WireCodec;
import io.paddock.protocol.wire.WireMessage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A bare worker-protocol connection for tests that speak the protocol by hand (or break it). */
final class RawSocket implements AutoCloseable {
    private final WebSocket socket;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();

    private RawSocket(WebSocket socket) {
        this.socket = socket;
        socket.textMessageHandler(received::add);
        socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
    }

    static RawSocket open(Vertx vertx, int port) throws Exception {
        return open(vertx, port, 64 << 20);
    }

    /** A connection whose outgoing messages are split into frames of at most {@code frameBytes}. */
    static RawSocket open(Vertx vertx, int port, int frameBytes) throws Exception {
        WebSocket ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(frameBytes)
                        .setMaxMessageSize(64 << 20))
                .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/v1/workers"))
                .await(10, TimeUnit.SECONDS);
        return new RawSocket(ws);
    }

    static WireMessage.Hello hello(String id, String token) {
        return new WireMessage.Hello(WireMessage.VERSION, id, WireMessage.KIND_JVM, token, 1, 1, false,
                new WireMessage.Calibration(WireMessage.Calibration.REFERENCE_WORKLOAD, 5000), List.of());
    }

    void send(WireMessage m) {
        sendText(WireCodec.encode(m));
    }

    void sendText(String text) {
        socket.writeTextMessage(text);
    }

    void sendBinary(byte[] bytes) {
        socket.writeBinaryMessage(Buffer.buffer(bytes));
    }

    /** The next message of type {@code type}, skipping others; fails after the timeout. */
    WireMessage next(String type, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            String text = left > 0 ? received.poll(left, TimeUnit.MILLISECONDS) : null;
            if (text == null) {
                throw new AssertionError("no " + type + " message within " + timeoutMillis + " ms");
            }
            WireMessage m = WireCodec.decode(text, 64 << 20);
            if (m.type().equals(type)) {
                return m;
            }
        }
    }

    /** The close status the coordinator sent (null if none), waiting at most the timeout. */
    Short awaitClose(long timeoutMillis) throws Exception {
        return closed.get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}
