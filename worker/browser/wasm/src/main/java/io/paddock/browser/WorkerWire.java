package io.paddock.browser;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.json.JsonArray;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.json.JsonString;
import io.paddock.protocol.json.JsonValue;
import io.paddock.protocol.wire.WireCodec;
import io.paddock.protocol.wire.WireMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The tab's side of the worker protocol, with the same codec as the JVM worker and the
 * coordinator ({@link WireCodec}): outgoing messages as JSON text, incoming frames decoded (as
 * hostile input) into short summaries for the page's script; leases wait in a queue. Epochs
 * travel to the script as strings (they are 64-bit).
 */
final class WorkerWire {
    /** Longest frame accepted from the coordinator. */
    static final int MAX_FRAME_CHARS = 32 << 20;

    private final Deque<WireMessage.Lease> queue = new ArrayDeque<>();
    private long leasesReceived;

    /** The hello of an anonymous volunteer: kind browser, no token, one slot, one thread. */
    String hello(String workerId, boolean simd, WireMessage.Calibration calibration, List<String> cached) {
        return WireCodec.encode(new WireMessage.Hello(WireMessage.VERSION, workerId, WireMessage.KIND_BROWSER, "", 1, 1,
                simd, calibration, cached));
    }

    /** A pull for {@code freeSlots} slots (counts the leases received on this connection). */
    String pull(int freeSlots) {
        return WireCodec.encode(new WireMessage.Pull(freeSlots, leasesReceived));
    }

    /** A heartbeat naming the running lease (if any) and the queued ones. */
    String heartbeat(WireMessage.Lease running) {
        List<WireMessage.LeaseRef> refs = new ArrayList<>();
        if (running != null) {
            refs.add(new WireMessage.LeaseRef(running.unitId(), running.epoch()));
        }
        for (WireMessage.Lease l : queue) {
            refs.add(new WireMessage.LeaseRef(l.unitId(), l.epoch()));
        }
        return WireCodec.encode(new WireMessage.Heartbeat(refs));
    }

    String drain() {
        return WireCodec.encode(new WireMessage.Drain());
    }

    String failure(WireMessage.Lease lease, ErrorCode code, String cause) {
        return WireCodec.encode(new WireMessage.Failure(lease.unitId(), lease.epoch(), code, cause));
    }

    /** A new connection: the lease count restarts, queued leases are kept (their results are still wanted). */
    void reconnected() {
        leasesReceived = 0;
    }

    /** Decodes one frame from the coordinator; a lease is queued. */
    JsonObject receive(String frame) {
        WireMessage m = WireCodec.decode(frame, MAX_FRAME_CHARS);
        JsonObject.Builder b = JsonObject.builder().put("type", m.type());
        if (m instanceof WireMessage.Welcome w) {
            b.put("worker_id", w.workerId()).put("trust", w.trust()).put("heartbeat_millis", w.heartbeatMillis());
        } else if (m instanceof WireMessage.Lease l) {
            leasesReceived++;
            queue.addLast(l);
            b.put("unit_id", l.unitId()).put("epoch", Long.toString(l.epoch())).put("cases", l.cases().size());
        } else if (m instanceof WireMessage.Ack a) {
            b.put("unit_id", a.unitId()).put("epoch", Long.toString(a.epoch())).put("outcome", a.outcome());
        } else if (m instanceof WireMessage.Cancel c) {
            boolean queued = removeQueued(c.unitId(), c.epoch());
            b.put("unit_id", c.unitId()).put("epoch", Long.toString(c.epoch())).put("reason", c.reason())
                    .put("was_queued", queued);
        } else {
            throw new FormatException(ErrorCode.INVALID_MESSAGE, "a coordinator may not send this message type", m.type());
        }
        return b.build();
    }

    /** The next queued lease, or null. */
    WireMessage.Lease poll() {
        return queue.pollFirst();
    }

    int queued() {
        return queue.size();
    }

    /** What a lease asks for, for the page: ids, packages, case count. */
    static JsonObject describe(WireMessage.Lease l) {
        List<JsonValue> adapters = new ArrayList<>(l.adapterDigests().size());
        for (String a : l.adapterDigests()) {
            adapters.add(new JsonString(a));
        }
        return JsonObject.builder()
                .put("unit_id", l.unitId())
                .put("epoch", Long.toString(l.epoch()))
                .put("generation_id", l.generationId())
                .put("candidate_id", l.candidateId())
                .put("model", l.modelDigest())
                .put("adapters", new JsonArray(adapters))
                .put("cases", l.cases().size())
                .build();
    }

    private boolean removeQueued(String unitId, long epoch) {
        for (Iterator<WireMessage.Lease> it = queue.iterator(); it.hasNext(); ) {
            WireMessage.Lease l = it.next();
            if (l.unitId().equals(unitId) && l.epoch() == epoch) {
                it.remove();
                return true;
            }
        }
        return false;
    }
}
