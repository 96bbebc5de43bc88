package io.paddock.browser.e2e;

import io.paddock.cli.farm.FarmClient;
import io.paddock.cli.farm.GenerationUpload;
import io.paddock.coordinator.Coordinator;
import io.paddock.coordinator.CoordinatorConfig;
import io.paddock.protocol.generation.GenerationFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Coordinators for the browser tests: short leases, a free port, generations submitted from files. */
final class Farms {
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private Farms() {
    }

    /** Test timing (2 s leases, 250 ms heartbeats) on {@code port}. */
    static CoordinatorConfig config(Path dataDir, int port) {
        return CoordinatorConfig.defaults(dataDir)
                .withListen("127.0.0.1", port)
                .withTiming(new CoordinatorConfig.Timing(2_000, 250, 100));
    }

    static Coordinator start(CoordinatorConfig config) throws Exception {
        return Coordinator.start(config).await(90, TimeUnit.SECONDS);
    }

    /** Uploads the generation's packages and submits it; returns its id. */
    static String submit(Coordinator c, Path generation) throws IOException {
        FarmClient client = new FarmClient(URI.create(c.url()), c.submitToken());
        String json = GenerationUpload.prepare(GenerationFiles.load(generation), client, QUIET);
        return client.submit(json, true).getString("id");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code url} answers 200. */
    static void awaitHttp(String url, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError(url + " did not answer 200 within " + timeout);
    }

    /** Where test artifacts (screenshots) go: {@code target…/artifacts}. */
    static Path artifacts() {
        return Path.of(System.getProperty("paddock.artifacts", "target/artifacts"));
    }
}
