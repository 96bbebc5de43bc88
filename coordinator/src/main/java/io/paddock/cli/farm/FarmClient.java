package io.paddock.cli.farm;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A small blocking client of the coordinator's REST API, used by {@code paddock run},
 * {@code submit} and {@code results} (and by tests). Error answers become {@link FarmException}s
 * carrying the status and the coordinator's message.
 */
public final class FarmClient {
    private final URI base;
    private final String token;
    private final HttpClient http;

    public FarmClient(URI base, String token) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI base() {
        return base;
    }

    /** {@code PUT /v1/packages}: the stored package's digest, bytes, kind and detail. */
    public JsonObject upload(Path file) throws IOException {
        HttpRequest request = authorized(path("/v1/packages")).timeout(Duration.ofMinutes(30))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file)).build();
        return object(send(request));
    }

    /** {@code POST /v1/generations}; {@code failInvalid} lets a candidate that cannot run fail alone. */
    public JsonObject submit(String generationJson, boolean failInvalid) throws IOException {
        HttpRequest request = authorized(path("/v1/generations" + (failInvalid ? "?candidates=fail" : "")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(generationJson, StandardCharsets.UTF_8)).build();
        return object(send(request));
    }

    public JsonObject status(String id) throws IOException {
        return object(send(HttpRequest.newBuilder(path("/v1/generations/" + id)).GET().build()));
    }

    /** The ranking as {@code json}, {@code csv} or {@code table}. */
    public String ranking(String id, String format) throws IOException {
        return send(HttpRequest.newBuilder(path("/v1/generations/" + id + "/ranking?format=" + format)).GET().build())
                .body();
    }

    /** The deterministic section of the ranking (JSON without timing): byte-identical across reruns. */
    public String deterministicRanking(String id) throws IOException {
        return send(HttpRequest.newBuilder(path("/v1/generations/" + id + "/ranking?format=json&section=deterministic"))
                .GET().build()).body();
    }

    /** Streams the evidence JSONL into {@code file}. */
    public void evidence(String id, Path file) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(path("/v1/generations/" + id + "/evidence")).GET().build();
        HttpResponse<Path> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofFile(file));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new FarmException(response.statusCode(), "evidence of " + id + " is not available (HTTP "
                    + response.statusCode() + ")");
        }
    }

    public JsonObject cancel(String id) throws IOException {
        return object(send(authorized(path("/v1/generations/" + id)).DELETE().build()));
    }

    private HttpRequest.Builder authorized(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        if (token != null && !token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private URI path(String p) {
        return URI.create(base + p);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() >= 400) {
            String message = response.body();
            try {
                message = new JsonObject(response.body()).getString("error", message);
            } catch (DecodeException | ClassCastException ignored) {
                // not a JSON error body: keep the text
            }
            throw new FarmException(response.statusCode(), message);
        }
        return response;
    }

    private static JsonObject object(HttpResponse<String> response) throws IOException {
        try {
            return new JsonObject(response.body());
        } catch (DecodeException e) {
            throw new IOException("the coordinator answered something that is not a JSON object: " + e.getMessage());
        }
    }
}
