package io.paddock.cli.farm;

import io.paddock.cli.ExitCode;
import io.paddock.coordinator.Coordinator;
import io.paddock.coordinator.CoordinatorConfig;
import io.paddock.coordinator.hazelcast.HazelcastSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code paddock coordinator [--port P] [--data DIR] [--token T]}: runs a coordinator until stopped. */
@Command(name = "coordinator", mixinStandardHelpOptions = true,
        description = "Run a coordinator: REST API under /v1, worker WebSocket /v1/workers, live dashboard at /, "
                + "Prometheus metrics at /metrics. Scheduling state lives in an embedded Hazelcast member; list "
                + "--member for each other coordinator to form a cluster.")
public final class CoordinatorCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "interface to listen on (default 0.0.0.0)")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default 8080; 0 = any free port)")
    int port;

    @Option(names = "--data", defaultValue = "paddock-data", description = "packages, result logs and reports")
    Path data;

    @Option(names = "--token", description = "submit token (default: generated and printed)")
    String token;

    @Option(names = "--worker-token", description = "token of trusted lab workers (default: the submit token)")
    String workerToken;

    @Option(names = "--no-volunteers", description = "refuse anonymous (untrusted) volunteers")
    boolean noVolunteers;

    @Option(names = "--member", paramLabel = "HOST:PORT",
            description = "another coordinator's Hazelcast address (repeat; no port ranges)")
    List<String> members = List.of();

    @Option(names = "--hazelcast-port", defaultValue = "5701", description = "first Hazelcast port to try")
    int hazelcastPort;

    @Option(names = "--cluster", defaultValue = "paddock", description = "cluster name shared by coordinators")
    String cluster;

    @Option(names = "--lease-seconds", defaultValue = "30", description = "lease timeout without heartbeat")
    int leaseSeconds;

    @Override
    public Integer call() throws Exception {
        String submit = token != null ? token : CoordinatorConfig.Access.newToken();
        String worker = workerToken != null ? workerToken : submit;
        CoordinatorConfig config = CoordinatorConfig.defaults(data)
                .withListen(host, port)
                .withAccess(new CoordinatorConfig.Access(submit, worker, !noVolunteers))
                .withTiming(new CoordinatorConfig.Timing(leaseSeconds * 1000L, Math.max(10, leaseSeconds * 1000L / 6),
                        1000))
                .withHazelcast(new HazelcastSettings(cluster, hazelcastPort, members,
                        members.isEmpty() && host.equals("127.0.0.1") ? "127.0.0.1" : bindHost()));
        Coordinator coordinator = Coordinator.start(config).await(120, TimeUnit.SECONDS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            coordinator.close();
            stopped.countDown();
        }, "paddock-coordinator-stop"));
        System.out.println("coordinator  " + coordinator.url());
        System.out.println("dashboard    " + coordinator.url() + "/");
        System.out.println("volunteers   " + coordinator.url() + "/volunteer" + (noVolunteers ? "  (refused: --no-volunteers)" : ""));
        System.out.println("metrics      " + coordinator.url() + "/metrics");
        if (token == null) {
            System.out.println("submit token " + submit);
        }
        System.out.println("workers      paddock worker --coordinator " + coordinator.url() + " --token "
                + (workerToken == null && token == null ? worker : "<worker token>"));
        System.out.flush();
        stopped.await();
        return ExitCode.OK;
    }

    private String bindHost() {
        return host.equals("0.0.0.0") ? "127.0.0.1" : host;
    }
}
