package io.paddock.coordinator.workers;

import io.paddock.protocol.wire.WireCodec;
import io.paddock.protocol.wire.WireMessage;
import io.vertx.core.http.ServerWebSocket;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One connected worker, as its coordinator sees it. Confined to the coordinator's event loop.
 * Free slots follow the worker's last pull, minus the leases sent since that the worker had
 * not yet received; leases it runs are tracked for cancels and unit sizing.
 */
public final class WorkerSession {
    /** A lease out on this worker: cases {@code [from, to)} (-1, -1 when adopted over a reconnect). */
    public record Running(String candidateKey, long epoch, double predictedSeconds, int from, int to) {
    }

    private final WorkerInfo info;
    private final ServerWebSocket socket;
    private final Set<String> heldPackages = new HashSet<>();
    private final Map<String, Running> running = new HashMap<>();
    private final Map<String, Long> exhausted = new HashMap<>();
    private long leasesSent;
    private int free;
    private boolean draining;
    private boolean filling;
    private boolean fillAgain;
    private boolean closed;
    private double correction = 1.0;
    private String lastCandidateKey;

    public WorkerSession(WorkerInfo info, ServerWebSocket socket, Iterable<String> cached) {
        this.info = info;
        this.socket = socket;
        for (String d : cached) {
            heldPackages.add(d);
        }
    }

    public WorkerInfo info() {
        return info;
    }

    public String id() {
        return info.id();
    }

    public boolean trusted() {
        return info.trusted();
    }

    public String kind() {
        return info.kind();
    }

    /** Sends a message (dropped when the socket is gone: the lease will expire or the result be resent). */
    public void send(WireMessage message) {
        if (!closed && !socket.isClosed()) {
            socket.writeTextMessage(WireCodec.encode(message));
        }
    }

    /** Closes the connection with a WebSocket status code and a short reason. */
    public void close(short code, String reason) {
        closed = true;
        if (!socket.isClosed()) {
            socket.close(code, CloseReason.of(reason));
        }
    }

    public boolean closed() {
        return closed || socket.isClosed();
    }

    void markClosed() {
        closed = true;
    }

    // ------------------------------------------------------------------ slots

    /** Applies a pull: the worker's free slots, less leases it had not yet received. */
    public void pulled(int freeSlots, long leasesReceived) {
        long inFlight = Math.max(0, leasesSent - leasesReceived);
        free = (int) Math.max(0, freeSlots - inFlight);
    }

    public int free() {
        return draining ? 0 : free;
    }

    public void leased(String unitId, Running r) {
        leasesSent++;
        free = Math.max(0, free - 1);
        running.put(unitId, r);
        lastCandidateKey = r.candidateKey();
    }

    /** Forgets a lease (answered, cancelled or expired); returns it, or null if unknown. */
    public Running finished(String unitId) {
        return running.remove(unitId);
    }

    /** Learns of a lease the worker runs that this session did not grant (held over a reconnect). */
    public void adopt(String unitId, String candidateKey, long epoch) {
        running.putIfAbsent(unitId, new Running(candidateKey, epoch, 0, -1, -1));
    }

    public Map<String, Running> running() {
        return running;
    }

    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    // ------------------------------------------------------------------ dispatch state

    /** Starts a fill pass; false (and a pass is owed) when one is already running. */
    public boolean startFilling() {
        if (filling) {
            fillAgain = true;
            return false;
        }
        filling = true;
        fillAgain = false;
        return true;
    }

    /** Ends a fill pass; true when another was asked for meanwhile (run it). */
    public boolean stopFilling() {
        filling = false;
        boolean again = fillAgain;
        fillAgain = false;
        return again;
    }

    public boolean holds(String digest) {
        return heldPackages.contains(digest);
    }

    public void holdsNow(String digest) {
        heldPackages.add(digest);
    }

    public String lastCandidateKey() {
        return lastCandidateKey;
    }

    /** Whether this candidate had nothing for this worker at board version {@code version}. */
    public boolean exhausted(String candidateKey, long version) {
        Long v = exhausted.get(candidateKey);
        return v != null && v == version;
    }

    public void markExhausted(String candidateKey, long version) {
        exhausted.put(candidateKey, version);
    }

    /** Observed ÷ predicted unit time, smoothed: corrects the calibration-based unit size. */
    public double correction() {
        return correction;
    }

    public void observed(double predictedSeconds, double actualSeconds) {
        if (predictedSeconds > 0 && actualSeconds > 0) {
            double ratio = Math.max(0.05, Math.min(20, actualSeconds / predictedSeconds));
            correction = Math.max(0.05, Math.min(20, 0.7 * correction + 0.3 * ratio * correction));
        }
    }
}
