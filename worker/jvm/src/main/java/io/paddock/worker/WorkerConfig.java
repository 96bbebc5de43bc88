package io.paddock.worker;

import java.net.URI;
import java.nio.file.Path;

/**
 * How a JVM worker runs.
 *
 * @param coordinator    base URL of the coordinator, {@code http://host:port} (ws:// is accepted too)
 * @param token          worker token; empty = join as an anonymous (untrusted) volunteer
 * @param workerId       stable id, kept across reconnects
 * @param slots          units run at once
 * @param threads        threads per unit (row-parallel kernels)
 * @param simd           use the Vector API kernels when available
 * @param cacheDir       package cache
 * @param minBackoffMillis first reconnect delay
 * @param maxBackoffMillis longest reconnect delay
 */
public record WorkerConfig(URI coordinator, String token, String workerId, int slots, int threads, boolean simd,
                           Path cacheDir, long minBackoffMillis, long maxBackoffMillis) {
    public WorkerConfig {
        if (slots < 1 || slots > 4096) {
            throw new IllegalArgumentException("--slots must be in 1..4096, got " + slots);
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("--threads must be in 1..256, got " + threads);
        }
        String scheme = coordinator.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https") || scheme.equals("ws")
                || scheme.equals("wss")) || coordinator.getHost() == null) {
            throw new IllegalArgumentException("--coordinator must be an http(s):// or ws(s):// URL with a host, got "
                    + coordinator);
        }
        if (workerId.isEmpty() || workerId.contains("/")) {
            throw new IllegalArgumentException("worker id must be non-empty without '/', got '" + workerId + "'");
        }
        if (minBackoffMillis < 1 || maxBackoffMillis < minBackoffMillis) {
            throw new IllegalArgumentException("backoff must satisfy 1 <= min <= max");
        }
    }

    public static WorkerConfig of(URI coordinator, String token, int slots, int threads, Path cacheDir) {
        return new WorkerConfig(coordinator, token, "w-" + java.util.UUID.randomUUID().toString().substring(0, 12),
                slots, threads, true, cacheDir, 250, 10_000);
    }

    public WorkerConfig withWorkerId(String id) {
        return new WorkerConfig(coordinator, token, id, slots, threads, simd, cacheDir, minBackoffMillis, maxBackoffMillis);
    }

    public WorkerConfig withSimd(boolean on) {
        return new WorkerConfig(coordinator, token, workerId, slots, threads, on, cacheDir, minBackoffMillis,
                maxBackoffMillis);
    }

    public WorkerConfig withBackoff(long min, long max) {
        return new WorkerConfig(coordinator, token, workerId, slots, threads, simd, cacheDir, min, max);
    }

    boolean secure() {
        return coordinator.getScheme().equals("https") || coordinator.getScheme().equals("wss");
    }

    int port() {
        return coordinator.getPort() > 0 ? coordinator.getPort() : secure() ? 443 : 80;
    }

    /** The HTTP base URL (packages are fetched from it). */
    String httpBase() {
        return (secure() ? "https" : "http") + "://" + coordinator.getHost() + ":" + port();
    }
}
