package io.paddock.worker;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.hash.Digest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Packages by digest in a disk cache: {@code <dir>/<hex>}. A package missing from the cache is
 * downloaded once (concurrent requests for it wait for the same download), streamed to a
 * temporary file, checked against its digest and moved into place, so each package crosses the
 * network at most once per cache. Blocking: called from evaluation threads.
 */
public final class PackageCache {
    private final Path dir;
    private final String httpBase;
    private final String workerId;
    private final HttpClient http;
    private final Map<String, CompletableFuture<Path>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    public PackageCache(Path dir, String httpBase, String workerId) throws IOException {
        this.dir = dir;
        this.httpBase = httpBase;
        this.workerId = workerId;
        Files.createDirectories(dir);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The file of a package, downloading it first if it is not cached. */
    public Path fetch(String digest) throws IOException {
        Path file = dir.resolve(Digest.parse(digest, ErrorCode.INVALID_MESSAGE).hex());
        if (Files.isRegularFile(file)) {
            return file;
        }
        CompletableFuture<Path> mine = new CompletableFuture<>();
        CompletableFuture<Path> running = inFlight.putIfAbsent(digest, mine);
        if (running != null) {
            return join(running);
        }
        try {
            if (!Files.isRegularFile(file)) {
                download(digest, file);
            }
            mine.complete(file);
            return file;
        } catch (IOException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(digest);
        }
    }

    private void download(String digest, Path file) throws IOException {
        Path tmp = dir.resolve(UUID.randomUUID() + ".part");
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(httpBase + "/v1/packages/" + digest))
                    .header("X-Paddock-Worker", workerId).timeout(Duration.ofMinutes(30)).GET().build();
            HttpResponse<Path> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofFile(tmp));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while downloading " + digest, e);
            }
            if (response.statusCode() == 404) {
                throw new FormatException(ErrorCode.MODEL_NOT_LOADED, "a leased package must be served by the coordinator",
                        "GET /v1/packages/" + digest + " answered 404");
            }
            if (response.statusCode() != 200) {
                throw new IOException("GET /v1/packages/" + digest + " answered " + response.statusCode());
            }
            downloads.computeIfAbsent(digest, d -> new AtomicInteger()).incrementAndGet();
            bytes.addAndGet(Files.size(tmp));
            String actual = sha256(tmp);
            if (!actual.equals(digest)) {
                throw new FormatException(ErrorCode.MODEL_NOT_LOADED, "downloaded package bytes must hash to their digest",
                        digest + " hashed to " + actual);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Digests in the cache (for locality: announced in the hello). */
    public List<String> held() {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.length() == 64 && name.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                    out.add(Digest.PREFIX + name);
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** How many times a package was downloaded by this cache. */
    public int downloads(String digest) {
        AtomicInteger n = downloads.get(digest);
        return n == null ? 0 : n.get();
    }

    /** Downloads per digest so far. */
    public Map<String, Integer> downloads() {
        Map<String, Integer> out = new ConcurrentHashMap<>();
        downloads.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public long bytesDownloaded() {
        return bytes.get();
    }

    private static Path join(CompletableFuture<Path> f) throws IOException {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        }
    }

    static String sha256(Path file) throws IOException {
        return FileDigests.sha256(file).toString();
    }
}
