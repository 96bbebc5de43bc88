package io.paddock.coordinator.store;

import io.paddock.coordinator.hazelcast.FarmMaps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * In a cluster, a package uploaded to one coordinator is fetched from it by another the first
 * time one of its workers asks: peers are listed in the coordinators map, and what arrives is
 * verified like any upload. Requests between peers carry {@link #PEER_HEADER} so a peer never
 * asks its own peers in turn. Blocking.
 */
public final class PeerPackages {
    public static final String PEER_HEADER = "X-Paddock-Peer";
    private static final Logger LOG = LoggerFactory.getLogger(PeerPackages.class);

    private final FarmMaps maps;
    private final PackageStore store;
    private final String self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PeerPackages(FarmMaps maps, PackageStore store, String self) {
        this.maps = maps;
        this.store = store;
        this.self = self;
    }

    /** The package, fetched from the first peer that has it, or empty. */
    public Optional<PackageInfo> fetch(String digest) {
        for (Map.Entry<String, String> peer : maps.coordinators().entrySet()) {
            if (peer.getKey().equals(self)) {
                continue;
            }
            Path upload = store.newUploadFile();
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(peer.getValue() + "/v1/packages/" + digest))
                        .header(PEER_HEADER, self).timeout(Duration.ofMinutes(30)).GET().build();
                HttpResponse<Path> response = http.send(request, HttpResponse.BodyHandlers.ofFile(upload));
                if (response.statusCode() != 200) {
                    continue;
                }
                PackageInfo info = store.ingest(upload);
                if (info.digest().equals(digest)) {
                    LOG.info("package {} fetched from peer {}", digest, peer.getValue());
                    return Optional.of(info);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("fetching {} from peer {} failed: {}", digest, peer.getValue(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } finally {
                try {
                    Files.deleteIfExists(upload);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
        return Optional.empty();
    }
}
