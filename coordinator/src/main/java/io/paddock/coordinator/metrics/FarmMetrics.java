package io.paddock.coordinator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every meter the farm registers, in one place: lowercase dot names, low-cardinality tags
 * (unit state, result outcome, worker kind and trust), never a candidate or worker id.
 * {@link #NAMES} is what dashboards/ may use (a test checks both directions).
 */
public final class FarmMetrics {
    public static final String UNITS = "paddock.units";
    public static final String CASES = "paddock.cases";
    public static final String LEASES_GRANTED = "paddock.leases.granted";
    public static final String LEASES_EXPIRED = "paddock.leases.expired";
    public static final String RETRIES = "paddock.retries";
    public static final String RESULTS = "paddock.results";
    public static final String EVALUATION_TIME = "paddock.evaluation.time";
    public static final String TOKENS_GENERATED = "paddock.tokens.generated";
    public static final String WORKERS = "paddock.workers";
    public static final String WORKERS_QUARANTINED = "paddock.workers.quarantined";
    public static final String PACKAGE_BYTES_SERVED = "paddock.package.bytes.served";
    public static final String GENERATIONS = "paddock.generations";

    /** Every meter name registered here. */
    public static final List<String> NAMES = List.of(UNITS, CASES, LEASES_GRANTED, LEASES_EXPIRED, RETRIES, RESULTS,
            EVALUATION_TIME, TOKENS_GENERATED, WORKERS, WORKERS_QUARANTINED, PACKAGE_BYTES_SERVED, GENERATIONS);

    private static final List<String> UNIT_STATES = List.of("waiting", "leased", "done");
    private static final List<String> CASE_STATES = List.of("unplanned", "done");
    private static final List<String> OUTCOMES = List.of("accepted", "duplicate", "stale", "rejected");
    private static final List<String> KINDS = List.of("jvm", "browser");
    private static final List<String> TRUST = List.of("trusted", "untrusted");
    private static final List<String> GENERATION_STATES = List.of("running", "done", "failed", "cancelled");

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Map<String, Counter> results = new ConcurrentHashMap<>();
    private final Map<String, Timer> evaluation = new ConcurrentHashMap<>();
    private final Map<String, Counter> tokens = new ConcurrentHashMap<>();
    private final Counter leasesGranted;
    private final Counter leasesExpired;
    private final Counter retries;
    private final Counter quarantined;
    private final Counter bytesServed;

    public FarmMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String s : UNIT_STATES) {
            gauge(UNITS, "state", s, "Work units by state");
        }
        for (String s : CASE_STATES) {
            gauge(CASES, "state", s, "Cases of running generations by state");
        }
        for (String k : KINDS) {
            for (String t : TRUST) {
                AtomicLong v = new AtomicLong();
                gauges.put(WORKERS + "|" + k + "|" + t, v);
                Gauge.builder(WORKERS, v, AtomicLong::get).description("Connected workers by kind and trust")
                        .tag("kind", k).tag("trust", t).register(registry);
            }
        }
        for (String s : GENERATION_STATES) {
            gauge(GENERATIONS, "status", s, "Generations known by status");
        }
        for (String o : OUTCOMES) {
            results.put(o, Counter.builder(RESULTS).description("Results received by outcome").tag("outcome", o)
                    .register(registry));
        }
        for (String k : KINDS) {
            evaluation.put(k, Timer.builder(EVALUATION_TIME).description("Wall time of a unit on its worker")
                    .tag("kind", k).publishPercentileHistogram(false).register(registry));
            tokens.put(k, Counter.builder(TOKENS_GENERATED).description("Tokens generated in accepted units")
                    .tag("kind", k).register(registry));
        }
        leasesGranted = Counter.builder(LEASES_GRANTED).description("Leases granted").register(registry);
        leasesExpired = Counter.builder(LEASES_EXPIRED).description("Leases that expired").register(registry);
        retries = Counter.builder(RETRIES).description("Leases granted on a unit that was tried before")
                .register(registry);
        quarantined = Counter.builder(WORKERS_QUARANTINED).description("Workers quarantined for a wrong answer")
                .register(registry);
        bytesServed = Counter.builder(PACKAGE_BYTES_SERVED).description("Package bytes served to workers")
                .register(registry);
    }

    private void gauge(String name, String tag, String value, String description) {
        AtomicLong v = new AtomicLong();
        gauges.put(name + "|" + value, v);
        Gauge.builder(name, v, AtomicLong::get).description(description).tag(tag, value).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void units(long waiting, long leased, long done) {
        gauges.get(UNITS + "|waiting").set(waiting);
        gauges.get(UNITS + "|leased").set(leased);
        gauges.get(UNITS + "|done").set(done);
    }

    public void cases(long unplanned, long done) {
        gauges.get(CASES + "|unplanned").set(unplanned);
        gauges.get(CASES + "|done").set(done);
    }

    public void generations(long running, long done, long failed, long cancelled) {
        gauges.get(GENERATIONS + "|running").set(running);
        gauges.get(GENERATIONS + "|done").set(done);
        gauges.get(GENERATIONS + "|failed").set(failed);
        gauges.get(GENERATIONS + "|cancelled").set(cancelled);
    }

    public void workers(String kind, String trust, long count) {
        AtomicLong v = gauges.get(WORKERS + "|" + kind + "|" + trust);
        if (v != null) {
            v.set(count);
        }
    }

    public void result(String outcome) {
        Counter c = results.get(outcome);
        if (c != null) {
            c.increment();
        }
    }

    public void evaluated(String kind, long wallNanos, long generatedTokens) {
        Timer t = evaluation.get(kind);
        if (t != null) {
            t.record(Duration.ofNanos(wallNanos));
            tokens.get(kind).increment(generatedTokens);
        }
    }

    public void leaseGranted(boolean retry) {
        leasesGranted.increment();
        if (retry) {
            retries.increment();
        }
    }

    public void leasesExpired(int n) {
        leasesExpired.increment(n);
    }

    public void quarantined() {
        quarantined.increment();
    }

    public void bytesServed(long n) {
        bytesServed.increment(n);
    }
}
