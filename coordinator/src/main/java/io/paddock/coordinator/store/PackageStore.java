package io.paddock.coordinator.store;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterReader;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.hash.Digest;
import io.paddock.worker.FileDigests;
import io.paddock.protocol.io.FileSource;
import io.paddock.protocol.json.ErrorContext;
import io.paddock.protocol.json.JsonNumber;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.json.JsonParser;
import io.paddock.protocol.json.JsonWriter;
import io.paddock.protocol.json.ObjectReader;
import io.paddock.protocol.slm.ChecksumPolicy;
import io.paddock.protocol.slm.SlmInfo;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.SlmReader;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorEntry;
import io.paddock.protocol.suite.Suite;
import io.paddock.protocol.suite.SuiteParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content-addressed package storage on disk: {@code <root>/<hex>} holds the bytes,
 * {@code <root>/<hex>.json} what verification found. A package is verified on arrival (see
 * {@link PackageVerifier}) and stored once however often it is uploaded. All methods but the
 * lookups block: call them off the event loop.
 */
public final class PackageStore {
    private final Path root;
    private final Path incoming;
    private final Map<String, PackageInfo> index = new ConcurrentHashMap<>();
    private final Map<String, SlmModel> layouts = new ConcurrentHashMap<>();
    private final RejectedUploads rejected = new RejectedUploads(1024);

    private PackageStore(Path root) {
        this.root = root;
        this.incoming = root.resolve("incoming");
    }

    /** Opens (creating) the store under {@code root} and indexes what it holds. */
    public static PackageStore open(Path root) throws IOException {
        PackageStore store = new PackageStore(root);
        Files.createDirectories(store.incoming);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root, "*.json")) {
            for (Path sidecar : files) {
                PackageInfo info = readSidecar(sidecar);
                if (Files.isRegularFile(store.blob(info.digest()))) {
                    store.index.put(info.digest(), info);
                }
            }
        }
        return store;
    }

    /** A fresh file to stream an upload into. */
    public Path newUploadFile() {
        return incoming.resolve(UUID.randomUUID() + ".part");
    }

    /**
     * Hashes, verifies and stores an uploaded file (which is moved or deleted). A package
     * already stored is not verified again.
     *
     * @throws FormatException if the package is not valid (its cause is remembered by digest)
     */
    public PackageInfo ingest(Path upload) throws IOException {
        try {
            long bytes = Files.size(upload);
            String digest = sha256(upload);
            PackageInfo known = index.get(digest);
            if (known != null) {
                return known;
            }
            PackageInfo info;
            try {
                info = PackageVerifier.verify(upload, digest, bytes);
            } catch (FormatException e) {
                rejected.remember(digest, new PackageRefusal(e.code(), e.getMessage()));
                throw e;
            }
            Path target = blob(digest);
            move(upload, target);
            Path sidecar = root.resolve(hex(digest) + ".json");
            Path tmp = incoming.resolve(UUID.randomUUID() + ".json");
            Files.writeString(tmp, JsonWriter.write(toJson(info)), StandardCharsets.UTF_8);
            move(tmp, sidecar);
            index.put(digest, info);
            rejected.forget(digest);
            return info;
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    public Optional<PackageInfo> info(String digest) {
        return Optional.ofNullable(index.get(digest));
    }

    /** Why an upload with this digest was refused, or null. */
    public PackageRefusal rejection(String digest) {
        return rejected.cause(digest);
    }

    /** Where the bytes of {@code digest} live (whether or not they exist). */
    public Path blob(String digest) {
        return root.resolve(hex(digest));
    }

    /** The model's layout (header, tokenizer, tensor shapes; no weights): enough to check adapters. Blocking. */
    public SlmModel modelLayout(String digest) {
        return layouts.computeIfAbsent(digest, d -> {
            try (FileSource source = FileSource.open(blob(d))) {
                SlmInfo info = SlmReader.readLayout(source, ChecksumPolicy.STRICT);
                List<Tensor> tensors = new ArrayList<>(info.tensors().size());
                for (TensorEntry t : info.tensors()) {
                    tensors.add(new Tensor(t.entry().nameHash(), t.dims(), null));
                }
                return new SlmModel(info.model(), info.tokenizer(), tensors);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A stored adapter, parsed. Blocking. */
    public Adapter adapter(String digest) throws IOException {
        return AdapterReader.read(Files.readAllBytes(blob(digest)));
    }

    /** A stored suite, parsed. Blocking. */
    public Suite suite(String digest) throws IOException {
        return SuiteParser.parse(Files.readAllBytes(blob(digest)), digest);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String hex(String digest) {
        return Digest.parse(digest).hex();
    }

    static String sha256(Path file) throws IOException {
        return FileDigests.sha256(file).toString();
    }

    private static JsonObject toJson(PackageInfo info) {
        return JsonObject.builder()
                .put("digest", info.digest())
                .put("kind", info.kind().label())
                .put("bytes", info.bytes())
                .put("detail", info.detail())
                .put("cost_bytes_per_token", JsonNumber.of(info.costBytesPerToken()))
                .build();
    }

    private static PackageInfo readSidecar(Path sidecar) throws IOException {
        String text = Files.readString(sidecar, StandardCharsets.UTF_8);
        ObjectReader r = ObjectReader.of(JsonParser.parse(text, 1 << 16, sidecar.toString()),
                ErrorContext.of(sidecar.toString()), "", "digest", "kind", "bytes", "detail", "cost_bytes_per_token");
        return new PackageInfo(r.string("digest"), PackageKind.fromLabel(r.string("kind")), r.longValue("bytes"),
                r.string("detail"), r.longValue("cost_bytes_per_token"));
    }
}
