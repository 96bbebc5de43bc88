package io.paddock.protocol.wire;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.Sampling;

import java.util.List;

/**
 * Every message of the worker protocol (WebSocket {@code /v1/workers}, one JSON text frame per
 * message, see {@link WireCodec}). Workers pull: they say hello, announce free slots, receive
 * leases, send heartbeats while they work and one result or failure per lease; the coordinator
 * acknowledges every result and may cancel a lease.
 *
 * <p>A lease is fenced by its {@code epoch}: a result carrying an epoch the coordinator no
 * longer holds (the lease expired and the unit was leased again) is acknowledged as stale and
 * ignored. Resending a result is harmless (acknowledged as duplicate).
 *
 * <p>Dependency-free and reflection-free: the browser worker compiles this file with TeaVM.
 */
public sealed interface WireMessage {

    /** The protocol version this file describes; a hello with another version is refused (1008). */
    int VERSION = 1;

    /** Worker kinds. */
    String KIND_JVM = "jvm";
    String KIND_BROWSER = "browser";

    /** Trust levels granted in {@link Welcome}. */
    String TRUSTED = "trusted";
    String UNTRUSTED = "untrusted";

    /** Outcomes in {@link Ack}. */
    String ACCEPTED = "accepted";
    String DUPLICATE = "duplicate";
    String STALE = "stale";
    String REJECTED = "rejected";

    /** The JSON {@code type} tag of this message. */
    String type();

    // ---------------------------------------------------------------- worker → coordinator

    /**
     * The first message of a connection.
     *
     * @param protocol       {@link #VERSION}
     * @param workerId       stable for the worker's lifetime, kept across reconnects (so it can
     *                       deliver results of leases it held before the connection dropped)
     * @param kind           {@link #KIND_JVM} or {@link #KIND_BROWSER}
     * @param token          the worker token; empty for an anonymous volunteer
     * @param slots          units it can run at once
     * @param threads        threads per unit
     * @param simd           whether its kernels use SIMD
     * @param calibration    its speed on the fixed reference workload
     * @param cachedPackages package digests already in its cache (for locality)
     */
    record Hello(int protocol, String workerId, String kind, String token, int slots, int threads,
                 boolean simd, Calibration calibration, List<String> cachedPackages) implements WireMessage {
        public Hello {
            cachedPackages = List.copyOf(cachedPackages);
        }

        public String type() {
            return "hello";
        }
    }

    /**
     * The worker's speed on the fixed reference workload (identified by {@code workload}), so
     * unit sizes and speed figures are comparable between slow and fast workers.
     *
     * @param workload        the reference workload's name, e.g. {@code ref-v1}
     * @param tokensPerSecond tokens per second it reached on it
     */
    record Calibration(String workload, double tokensPerSecond) {
        /** The reference workload every worker runs at start (its definition lives with each worker kind). */
        public static final String REFERENCE_WORKLOAD = "ref-v1";
        /** Tokens per second on {@link #REFERENCE_WORKLOAD} that count as calibration factor 1. */
        public static final double NOMINAL_TOKENS_PER_SECOND = 5000.0;

        /** Speed relative to the nominal reference: 2.0 = twice as fast. */
        public double factor() {
            return tokensPerSecond / NOMINAL_TOKENS_PER_SECOND;
        }
    }

    /**
     * The worker has {@code freeSlots} slots free now (an absolute count, not an increment),
     * having received {@code leasesReceived} leases on this connection so far (so the
     * coordinator can discount leases still on their way).
     */
    record Pull(int freeSlots, long leasesReceived) implements WireMessage {
        public String type() {
            return "pull";
        }
    }

    /** The worker is alive and still runs these leases: their deadlines are extended. */
    record Heartbeat(List<LeaseRef> running) implements WireMessage {
        public Heartbeat {
            running = List.copyOf(running);
        }

        public String type() {
            return "heartbeat";
        }
    }

    /** Names one lease: the unit and the fencing epoch it was granted with. */
    record LeaseRef(String unitId, long epoch) {
    }

    /**
     * The evidence of a lease: one result per case of the unit, in the lease's case order.
     *
     * @param unitId         the leased unit
     * @param epoch          the lease's fencing epoch
     * @param results        case results in the lease's order
     * @param evidenceDigest {@code EvidenceDigest.of(results)}; the coordinator recomputes it
     * @param timing         wall time and tokens (diagnostics; never compared)
     */
    record Result(String unitId, long epoch, List<CaseResult> results, String evidenceDigest, Timing timing)
            implements WireMessage {
        public Result {
            results = List.copyOf(results);
        }

        public String type() {
            return "result";
        }
    }

    /**
     * How long a unit took on the worker.
     *
     * @param wallNanos       from lease start to result (packages, assembly and cases)
     * @param evalNanos       of which case evaluation
     * @param generatedTokens tokens generated over all cases
     */
    record Timing(long wallNanos, long evalNanos, long generatedTokens) {
    }

    /**
     * The unit could not be evaluated at all (a candidate-level failure: package digest
     * mismatch, adapter that does not bind, non-finite weights…), with its typed cause.
     */
    record Failure(String unitId, long epoch, ErrorCode code, String cause) implements WireMessage {
        public String type() {
            return "failure";
        }
    }

    /** The worker is shutting down: lease nothing more to it; it finishes what it holds. */
    record Drain() implements WireMessage {
        public String type() {
            return "drain";
        }
    }

    // ---------------------------------------------------------------- coordinator → worker

    /**
     * The answer to {@link Hello}.
     *
     * @param protocol        {@link #VERSION}
     * @param workerId        the id the coordinator knows the worker by (the hello's)
     * @param trust           {@link #TRUSTED} or {@link #UNTRUSTED}
     * @param heartbeatMillis how often to send {@link Heartbeat} while holding leases
     */
    record Welcome(int protocol, String workerId, String trust, long heartbeatMillis) implements WireMessage {
        public String type() {
            return "welcome";
        }
    }

    /**
     * A unit of work: one candidate, a contiguous shard of the suite's cases.
     *
     * @param unitId         opaque id to echo in heartbeats and results
     * @param epoch          fencing epoch to echo
     * @param generationId   the generation
     * @param candidateId    the candidate's id in the generation
     * @param modelDigest    {@code sha256:…} of the model package
     * @param adapterDigests adapter packages, applied in this order
     * @param sampling       sampling settings
     * @param cases          the cases to run, in order
     */
    record Lease(String unitId, long epoch, String generationId, String candidateId, String modelDigest,
                 List<String> adapterDigests, Sampling sampling, List<EvalCase> cases) implements WireMessage {
        public Lease {
            adapterDigests = List.copyOf(adapterDigests);
            cases = List.copyOf(cases);
        }

        public String type() {
            return "lease";
        }
    }

    /** The coordinator's answer to a {@link Result} or {@link Failure}: one of the outcome constants. */
    record Ack(String unitId, long epoch, String outcome) implements WireMessage {
        public String type() {
            return "ack";
        }
    }

    /** Stop working on this lease: its result is no longer wanted. */
    record Cancel(String unitId, long epoch, String reason) implements WireMessage {
        public String type() {
            return "cancel";
        }
    }
}
