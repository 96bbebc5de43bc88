package io.paddock.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.paddock.protocol.hash.Digest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny HTTP server on 127.0.0.1 for browser tests: {@code /volunteer/…} serves the built
 * bundle (the jar's {@code META-INF/resources/paddock/volunteer}), {@code /test/…} the test
 * pages, {@code /v1/packages/<digest>} packages registered by the test (as the coordinator does).
 */
public final class TestServer implements AutoCloseable {
    private final HttpServer server;
    private final Path bundle;
    private final Path testPages;
    private final Map<String, byte[]> packages = new ConcurrentHashMap<>();
    private final AtomicLong packageBytesServed = new AtomicLong();

    public TestServer() {
        this.bundle = resourceDir("META-INF/resources/paddock/volunteer/paddock.wasm");
        this.testPages = resourceDir("paddock-test/conformance.html");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves {@code bytes} at {@code /v1/packages/<digest>}; returns the digest. */
    public String put(byte[] bytes) {
        String digest = Digest.of(bytes).toString();
        packages.put(digest, bytes);
        return digest;
    }

    /** Serves {@code bytes} under a digest they may not hash to (for error tests). */
    public void putAs(String digest, byte[] bytes) {
        packages.put(digest, bytes);
    }

    public long packageBytesServed() {
        return packageBytesServed.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            byte[] body = null;
            String type = "application/octet-stream";
            if (path.startsWith("/v1/packages/")) {
                body = packages.get(path.substring("/v1/packages/".length()));
                if (body != null) {
                    packageBytesServed.addAndGet(body.length);
                }
            } else if (path.startsWith("/volunteer/")) {
                body = file(bundle, path.substring("/volunteer/".length()));
                type = contentType(path);
            } else if (path.startsWith("/test/")) {
                body = file(testPages, path.substring("/test/".length()));
                type = contentType(path);
            }
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static byte[] file(Path root, String relative) throws IOException {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root) || !Files.isRegularFile(p)) {
            return null;
        }
        return Files.readAllBytes(p);
    }

    private static String contentType(String path) {
        if (path.endsWith(".wasm")) {
            return "application/wasm";
        }
        if (path.endsWith(".js")) {
            return "text/javascript";
        }
        if (path.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (path.endsWith(".css")) {
            return "text/css";
        }
        return "application/octet-stream";
    }

    private static Path resourceDir(String resource) {
        URL url = TestServer.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the test classpath (build the module first)");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
