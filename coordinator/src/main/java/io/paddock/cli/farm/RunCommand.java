package io.paddock.cli.farm;

import io.paddock.cli.ExitCode;
import io.paddock.coordinator.Coordinator;
import io.paddock.coordinator.CoordinatorConfig;
import io.paddock.coordinator.flow.ReportStage;
import io.paddock.coordinator.schedule.SchedulePolicy;
import io.paddock.protocol.generation.GenerationFiles;
import io.paddock.worker.JvmWorker;
import io.paddock.worker.WorkerConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code paddock run GENERATION.json [--workers N] [--port P] [--out DIR]}: the embedded farm.
 * Starts a coordinator (embedded Hazelcast member) and N local JVM workers in this process,
 * uploads the generation's packages, follows it with a progress bar, prints the ranking table
 * and writes ranking.json, ranking.csv and evidence.jsonl to the output folder.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Evaluate a generation on this machine: a coordinator and N local workers in one process. "
                + "Prints the dashboard and volunteer URLs, a progress bar, then the ranking table; writes "
                + "ranking.json, ranking.csv and evidence.jsonl to --out.")
public final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "GENERATION.json", description = "the generation file")
    Path generation;

    @Option(names = "--workers", description = "local JVM workers (default: one per core)")
    Integer workers;

    @Option(names = "--threads", defaultValue = "1", description = "threads per worker (default 1)")
    int threads;

    @Option(names = "--port", defaultValue = "0", description = "HTTP port (default: any free port)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "interface to listen on (0.0.0.0 lets volunteers on other machines join)")
    String host;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default ./paddock-out/<name>)")
    Path out;

    @Option(names = "--token", description = "submit and worker token (default: generated)")
    String token;

    @Option(names = "--no-volunteers", description = "refuse browser volunteers")
    boolean noVolunteers;

    @Option(names = "--no-simd", description = "local workers use the scalar kernels")
    boolean noSimd;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        GenerationFiles.LocalGeneration local = GenerationFiles.load(generation);
        int n = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        if (n < 0 || n > 1024) {
            throw new IllegalArgumentException("--workers must be in 0..1024, got " + n);
        }
        Path dir = out != null ? out : Path.of("paddock-out", safeName(local.spec().name()));
        Files.createDirectories(dir);
        String secret = token != null ? token : CoordinatorConfig.Access.newToken();
        // Local workers share this JVM: a spot check of one by another would prove nothing, so none are made.
        // Volunteers (other machines, browsers) are still replicated as untrusted.
        SchedulePolicy policy = new SchedulePolicy(SchedulePolicy.DEFAULT.maxAttempts(),
                SchedulePolicy.DEFAULT.maxOpinions(), 0);
        // One run, one generation: journals of an earlier (perhaps interrupted) run in this folder are not
        // resumed here (that is `paddock coordinator`'s job); the package store and worker cache are kept.
        deleteTree(dir.resolve(".farm").resolve("generations"));
        CoordinatorConfig config = CoordinatorConfig.defaults(dir.resolve(".farm"))
                .withListen(host, port)
                .withAccess(new CoordinatorConfig.Access(secret, secret, !noVolunteers))
                .withPolicy(policy);
        Coordinator coordinator = Coordinator.start(config).await(120, TimeUnit.SECONDS);
        List<JvmWorker> started = new ArrayList<>();
        try {
            err.println("dashboard   " + coordinator.url() + "/");
            err.println("volunteers  " + coordinator.url() + "/volunteer" + (noVolunteers ? "  (refused)" : ""));
            List<Future<JvmWorker>> starting = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                WorkerConfig wc = WorkerConfig.of(URI.create(coordinator.url()), secret, 1, threads,
                        dir.resolve(".farm").resolve("cache")).withWorkerId("local-" + (i + 1)).withSimd(!noSimd);
                starting.add(JvmWorker.start(coordinator.vertx(), wc));
            }
            for (Future<JvmWorker> f : starting) {
                started.add(f.await(120, TimeUnit.SECONDS));
            }
            err.println("workers     " + n + " local JVM worker(s), " + threads + " thread(s) each");
            FarmClient client = new FarmClient(URI.create(coordinator.url()), secret);
            String id;
            long submitted;
            try {
                String json = GenerationUpload.prepare(local, client, err);
                submitted = System.nanoTime();
                id = client.submit(json, true).getString("id");
            } catch (FarmException e) {
                return Exits.refused(e, err, "run");
            }
            JsonObject status = GenerationWatch.await(client, id, err, local.spec().name());
            double wall = (System.nanoTime() - submitted) / 1e9;
            if (!status.getString("status").equals("done")) {
                err.println("paddock run: generation " + id + " ended " + status.getString("status") + ": "
                        + status.getString("message", ""));
                return ExitCode.FAILURE;
            }
            String rankingJson = client.ranking(id, "json");
            Files.writeString(dir.resolve(ReportStage.RANKING_JSON), rankingJson, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(ReportStage.RANKING_CSV), client.ranking(id, "csv"), StandardCharsets.UTF_8);
            client.evidence(id, dir.resolve(ReportStage.EVIDENCE_JSONL));
            System.out.print(client.ranking(id, "table"));
            err.println(efficiency(new JsonObject(rankingJson), wall, Math.max(1, n)));
            err.println("wrote " + dir.resolve(ReportStage.RANKING_JSON) + ", " + ReportStage.RANKING_CSV + ", "
                    + ReportStage.EVIDENCE_JSONL);
            return ExitCode.OK;
        } finally {
            for (JvmWorker w : started) {
                w.kill().await(10, TimeUnit.SECONDS);
            }
            coordinator.close();
        }
    }

    /** Farm overhead: wall time against the pure evaluation time (timing section) divided by workers. */
    static String efficiency(JsonObject ranking, double wallSeconds, int workers) {
        double evaluation = 0;
        JsonObject timing = ranking.getJsonObject("timing");
        JsonArray candidates = timing == null ? null : timing.getJsonArray("candidates");
        if (candidates != null) {
            for (Object o : candidates) {
                evaluation += ((JsonObject) o).getLong("wallNanos", 0L) / 1e9;
            }
        }
        double ideal = evaluation / workers;
        return String.format("farm        evaluation %.1f s over %d worker(s) = %.1f s ideal; wall %.1f s "
                + "(overhead %+.1f%%)", evaluation, workers, ideal, wallSeconds,
                ideal > 0 ? (wallSeconds / ideal - 1) * 100 : 0.0);
    }

    private static String safeName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._]+", "-").replaceAll("^[-.]+|-+$", "");
        return s.isEmpty() ? "generation" : s;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
