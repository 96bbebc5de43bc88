package io.paddock.coordinator.workers;

import io.paddock.coordinator.metrics.FarmMetrics;
import io.paddock.coordinator.schedule.LeaseHolder;
import io.paddock.coordinator.schedule.UnitId;
import io.paddock.protocol.wire.WireMessage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workers connected to this coordinator, by id (event-loop confined), and the count of
 * workers online across the cluster (refreshed by the sweeper) that verification rules use.
 */
public final class WorkerRegistry {
    private final Map<String, WorkerSession> sessions = new LinkedHashMap<>();
    private final FarmMetrics metrics;
    private int clusterOnline;

    public WorkerRegistry(FarmMetrics metrics) {
        this.metrics = metrics;
    }

    /** Adds a session; returns the one it replaces (same worker id, an older connection), or null. */
    public WorkerSession add(WorkerSession session) {
        WorkerSession old = sessions.put(session.id(), session);
        publish();
        return old;
    }

    /** Removes the session if it is still the current one for its id. */
    public void remove(WorkerSession session) {
        if (sessions.get(session.id()) == session) {
            sessions.remove(session.id());
            publish();
        }
    }

    public WorkerSession get(String workerId) {
        return sessions.get(workerId);
    }

    public Collection<WorkerSession> sessions() {
        return sessions.values();
    }

    /** Sessions that could take work now. */
    public List<WorkerSession> idle() {
        List<WorkerSession> out = new ArrayList<>();
        for (WorkerSession s : sessions.values()) {
            if (s.free() > 0 && !s.closed()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Tells the worker holding a lease (if it is connected here) to drop it. */
    public void cancel(String generationId, int candidate, LeaseHolder holder, String reason) {
        WorkerSession s = sessions.get(holder.workerId());
        if (s != null) {
            String unitId = new UnitId(generationId, candidate, holder.unit()).toString();
            s.finished(unitId);
            s.send(new WireMessage.Cancel(unitId, holder.epoch(), reason));
        }
    }

    /** Workers online in the whole cluster (at least those connected here). */
    public int online() {
        return Math.max(clusterOnline, sessions.size());
    }

    public void clusterOnline(int count) {
        this.clusterOnline = count;
    }

    private void publish() {
        for (String kind : List.of(WireMessage.KIND_JVM, WireMessage.KIND_BROWSER)) {
            long trusted = 0;
            long untrusted = 0;
            for (WorkerSession s : sessions.values()) {
                if (s.kind().equals(kind)) {
                    if (s.trusted()) {
                        trusted++;
                    } else {
                        untrusted++;
                    }
                }
            }
            metrics.workers(kind, WireMessage.TRUSTED, trusted);
            metrics.workers(kind, WireMessage.UNTRUSTED, untrusted);
        }
    }
}
