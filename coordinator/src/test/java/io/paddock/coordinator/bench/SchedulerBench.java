package io.paddock.coordinator.bench;

import io.paddock.cli.farm.FarmClient;
import io.paddock.coordinator.Coordinator;
import io.paddock.coordinator.CoordinatorConfig;
import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.Diagnostics;
import io.paddock.protocol.evidence.EvidenceDigest;
import io.paddock.protocol.json.JsonWriter;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.RandomModelSpec;
import io.paddock.protocol.slm.RandomModels;
import io.paddock.protocol.slm.SlmFiles;
import io.paddock.protocol.slm.TokenizerSpec;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.MatchRule;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.suite.Suite;
import io.paddock.protocol.suite.SuiteWriter;
import io.paddock.protocol.wire.WireCodec;
import io.paddock.protocol.wire.WireMessage;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scheduler throughput: a real coordinator (embedded Hazelcast, durable result log) and no-op
 * simulated workers over loopback WebSockets that answer every lease at once with ready-made
 * evidence. Counts lease → result → acknowledgement cycles per second. Run it with
 * {@code mvn -o -q -pl coordinator -am test -Dtest=SchedulerThroughputTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dpaddock.bench.seconds=20}, or call {@link #main}.
 */
public final class SchedulerBench {

    /**
     * What one run measured. {@code casesLeft} is how many cases of the generation were still
     * unfinished when the measurement ended: 0 means the workers ran out of work and the figure
     * understates the scheduler (make the generation bigger). {@code notAccepted} counts the
     * acknowledgements among the cycles whose outcome was not "accepted" (expected: 0).
     */
    public record Figures(long cycles, double seconds, double cpuSeconds, int workers, int slots, boolean forced,
                          long casesLeft, long notAccepted) {
        public double perSecond() {
            return cycles / seconds;
        }

        /** Cycles per second of CPU used by the whole process (coordinator and simulated workers). */
        public double perCpuSecond() {
            return cycles / cpuSeconds;
        }

        @Override
        public String toString() {
            return String.format("%,d dispatch-and-ack cycles in %.1f s = %,.0f cycles/s wall; the process used %.1f "
                    + "CPU-s = %,.0f cycles per CPU-second, %,.0f/s with all %d cores (%d no-op workers x %d slots, "
                    + "results forced to disk: %s; %,d acks not 'accepted'; %,d cases still to run at the end%s)", cycles,
                    seconds, perSecond(), cpuSeconds, perCpuSecond(),
                    perCpuSecond() * Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors(), workers, slots, forced, notAccepted, casesLeft,
                    casesLeft == 0 ? ": RAN OUT OF WORK, the figure is a lower bound" : "");
        }
    }

    private static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        Path dir = Files.createTempDirectory("paddock-bench");
        System.out.println(run(dir, seconds, 8, 32, true));
        System.exit(0);
    }

    public static Figures run(Path dir, double seconds, int workers, int slots, boolean force) throws Exception {
        // 1,000,000 one-case units: 20 s of work would take 50,000 cycles/s
        int candidates = Integer.getInteger("paddock.bench.candidates", 1000);
        int cases = Integer.getInteger("paddock.bench.cases", 1000);
        Path model = dir.resolve("m.slm");
        SlmFiles.write(RandomModels.generate(RandomModelSpec.of(1, 16, 2, 1, 32, 64, TokenizerSpec.btok(), DType.F32,
                false, 1)), model);
        List<EvalCase> suite = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            suite.add(new EvalCase("c" + i, "p", "e", 1, MatchRule.EXACT));
        }
        CoordinatorConfig config = CoordinatorConfig.defaults(dir.resolve("data"))
                .withUnits(new CoordinatorConfig.Units(1, 4, 2, 1))
                .withForceResults(force);
        try (Coordinator coordinator = Coordinator.start(config).await(60, TimeUnit.SECONDS)) {
            FarmClient client = new FarmClient(URI.create(coordinator.url()), coordinator.submitToken());
            String digest = client.upload(model).getString("digest");
            StringBuilder json = new StringBuilder("{\"name\": \"bench\", \"suite\": ")
                    .append(SuiteWriter.toJsonArray(new Suite("bench", suite)).toJson()).append(", \"candidates\": [");
            for (int c = 0; c < candidates; c++) {
                json.append(c == 0 ? "" : ",").append("{\"id\": \"k").append(c).append("\", \"model\": \"")
                        .append(digest).append("\"}");
            }
            String generationId = client.submit(json.append("]}").toString(), false).getString("id");

            Map<String, String[]> answers = answers(suite);
            Vertx clients = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
            AtomicLong acks = new AtomicLong();
            AtomicLong notAccepted = new AtomicLong();
            List<WebSocket> sockets = new ArrayList<>();
            try {
                for (int w = 0; w < workers; w++) {
                    sockets.add(noOpWorker(clients, coordinator, "noop-" + w, slots, answers, acks,
                            notAccepted));
                }
                Thread.sleep(2_000);
                long before = acks.get();
                long rejectedBefore = notAccepted.get();
                long start = System.nanoTime();
                double cpu = processCpuSeconds();
                Thread.sleep((long) (seconds * 1000));
                long cycles = acks.get() - before;
                long otherOutcomes = notAccepted.get() - rejectedBefore;
                double elapsed = (System.nanoTime() - start) / 1e9;
                double used = processCpuSeconds() - cpu;
                io.vertx.core.json.JsonObject progress = client.status(generationId).getJsonObject("progress");
                long left = progress.getLong("cases_total") - progress.getLong("cases_done");
                return new Figures(cycles, elapsed, used, workers, slots, force, left, otherOutcomes);
            } finally {
                for (WebSocket s : sockets) {
                    s.close();
                }
                clients.close().await();
            }
        }
    }

    private static String field(String text, String prefix, char end) {
        int start = text.indexOf(prefix) + prefix.length();
        return text.substring(start, text.indexOf(end, start));
    }

    /** Per case id: its result JSON and the digest of the one-case unit. */
    private static Map<String, String[]> answers(List<EvalCase> suite) {
        Map<String, String[]> out = new HashMap<>();
        for (EvalCase c : suite) {
            CaseResult r = new CaseEvidence(c.id(), new int[] {256, 112}, new int[] {101}, "e", true, true, 1f, -0.5f,
                    -0.5f, 1, new Diagnostics(2, 1, 100, 100, 10000.0, 3, 4096, "f32", 0, 7L, "", Sampling.GREEDY));
            out.put(c.id(), new String[] {JsonWriter.write(WireCodec.caseResultToJson(r)), EvidenceDigest.of(List.of(r))});
        }
        return out;
    }

    private static WebSocket noOpWorker(Vertx vertx, Coordinator coordinator, String id, int slots,
                                        Map<String, String[]> answers, AtomicLong acks,
                                        AtomicLong notAccepted) throws Exception {
        WebSocket ws = null;
        for (int attempt = 1; ws == null; attempt++) {
            try {
                ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20))
                        .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(coordinator.port())
                                .setURI("/v1/workers")).await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
        WebSocket socket = ws;
        long[] received = {0};
        int[] running = {0};
        // A no-op worker should cost next to nothing: the frames are read by string search, not decoded.
        socket.textMessageHandler(text -> {
            if (text.startsWith("{\"type\":\"lease\"")) {
                received[0]++;
                running[0]++;
                String unitId = field(text, "\"unit_id\":\"", '"');
                String epoch = field(text, "\"epoch\":", ',');
                String[] a = answers.get(field(text, "\"cases\":[{\"id\":\"", '"'));
                socket.writeTextMessage("{\"type\":\"result\",\"unit_id\":\"" + unitId + "\",\"epoch\":" + epoch
                        + ",\"results\":[" + a[0] + "],\"evidence_digest\":\"" + a[1]
                        + "\",\"timing\":{\"wall_nanos\":1000,\"eval_nanos\":900,\"generated_tokens\":1}}");
            } else if (text.startsWith("{\"type\":\"ack\"")) {
                acks.incrementAndGet();
                if (!text.contains("\"outcome\":\"accepted\"")) {
                    notAccepted.incrementAndGet();
                }
                running[0]--;
                socket.writeTextMessage("{\"type\":\"pull\",\"free_slots\":" + (slots - running[0])
                        + ",\"leases_received\":" + received[0] + "}");
            } else if (text.startsWith("{\"type\":\"welcome\"")) {
                socket.writeTextMessage(WireCodec.encode(new WireMessage.Pull(slots, 0)));
            }
        });
        socket.writeTextMessage(WireCodec.encode(new WireMessage.Hello(WireMessage.VERSION, id, WireMessage.KIND_JVM,
                coordinator.workerToken(), slots, 1, false,
                new WireMessage.Calibration(WireMessage.Calibration.REFERENCE_WORKLOAD, 5000), List.of())));
        return socket;
    }
}
