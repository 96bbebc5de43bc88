package io.paddock.worker;

import com.sun.net.httpserver.HttpServer;
import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Packages cross the network once per cache, are checked against their digest, and stay on disk. */
class PackageCacheTest {
    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/packages/", exchange -> {
            requests.incrementAndGet();
            String digest = exchange.getRequestURI().getPath().substring("/v1/packages/".length());
            byte[] body = served.get(digest);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void concurrentFetchesOfOnePackageDownloadItOnce(@TempDir Path dir) throws Exception {
        byte[] bytes = "model bytes".getBytes();
        Path src = dir.resolve("src.bin");
        Files.write(src, bytes);
        String digest = PackageCache.sha256(src);
        served.put(digest, bytes);
        PackageCache cache = new PackageCache(dir.resolve("cache"), base(), "w1");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Path>> fetches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            fetches.add(pool.submit(() -> cache.fetch(digest)));
        }
        for (Future<Path> f : fetches) {
            assertThat(Files.readAllBytes(f.get())).isEqualTo(bytes);
        }
        pool.shutdown();
        assertThat(cache.downloads(digest)).isEqualTo(1);
        assertThat(requests.get()).isEqualTo(1);
        assertThat(cache.held()).containsExactly(digest);

        PackageCache again = new PackageCache(dir.resolve("cache"), base(), "w1");
        again.fetch(digest);
        assertThat(requests.get()).as("a restarted worker finds it on disk").isEqualTo(1);
    }

    @Test
    void bytesThatDoNotHashToTheirDigestAreATypedFailure(@TempDir Path dir) throws Exception {
        String digest = "sha256:" + "ab".repeat(32);
        served.put(digest, "something else".getBytes());
        PackageCache cache = new PackageCache(dir.resolve("cache"), base(), "w1");
        assertThatThrownBy(() -> cache.fetch(digest)).isInstanceOfSatisfying(FormatException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_LOADED);
            assertThat(e.getMessage()).contains("hash to their digest");
        });
        assertThat(cache.held()).isEmpty();
        String missing = "sha256:" + "cd".repeat(32);
        assertThatThrownBy(() -> cache.fetch(missing)).isInstanceOfSatisfying(FormatException.class,
                e -> assertThat(e.getMessage()).contains("404"));
        assertThatThrownBy(() -> cache.fetch("sha256:nothex")).isInstanceOf(FormatException.class);
    }
}
