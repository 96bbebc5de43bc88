package io.paddock.cli.farm;

import io.paddock.cli.ExitCode;
import io.paddock.worker.JvmWorker;
import io.paddock.worker.WorkerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code paddock worker --coordinator URL --token T [--slots N] [--threads N] [--cache DIR]}. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run a JVM worker: calibrate, connect to the coordinator, pull and evaluate units until stopped. "
                + "Reconnects with backoff when the coordinator is away; on SIGTERM it finishes its units and leaves.")
public final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--coordinator", required = true, paramLabel = "URL", description = "the coordinator's URL")
    URI coordinator;

    @Option(names = "--token", defaultValue = "", description = "worker token (none = join as an untrusted volunteer)")
    String token;

    @Option(names = "--slots", defaultValue = "1", description = "units evaluated at once (default 1)")
    int slots;

    @Option(names = "--threads", defaultValue = "1", description = "threads per unit (default 1)")
    int threads;

    @Option(names = "--cache", defaultValue = "paddock-cache", description = "package cache directory")
    Path cache;

    @Option(names = "--id", description = "worker id (default: generated)")
    String id;

    @Option(names = "--no-simd", description = "use the scalar kernels")
    boolean noSimd;

    @Option(names = "--drain-seconds", defaultValue = "120", description = "how long SIGTERM waits for units to finish")
    int drainSeconds;

    @Override
    public Integer call() throws Exception {
        WorkerConfig config = WorkerConfig.of(coordinator, token, slots, threads, cache).withSimd(!noSimd);
        if (id != null) {
            config = config.withWorkerId(id);
        }
        System.err.println("worker " + config.workerId() + ": calibrating, then connecting to " + coordinator);
        JvmWorker worker = JvmWorker.start(null, config).toCompletionStage().toCompletableFuture().get();
        System.err.println("worker " + worker.id() + " connected (" + worker.trust() + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("worker " + worker.id() + ": draining");
            try {
                worker.drain(drainSeconds * 1000L).await(drainSeconds + 10L, TimeUnit.SECONDS);
                System.err.println("worker " + worker.id() + ": drained, stopped");
            } catch (Exception e) {
                System.err.println("worker " + worker.id() + ": drain interrupted: " + e);
            }
            stopped.countDown();
        }, "paddock-worker-drain"));
        stopped.await();
        return ExitCode.OK;
    }
}
