package io.paddock.cli.farm;

import io.paddock.protocol.generation.CandidateSpec;
import io.paddock.protocol.generation.GenerationFiles;
import io.paddock.protocol.generation.GenerationSpec;
import io.paddock.protocol.generation.GenerationWriter;
import io.paddock.protocol.generation.SuiteRef;
import io.paddock.worker.FileDigests;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a generation file into a submission: uploads each distinct package once, then writes
 * the generation with packages by digest and the suite inline. A package the coordinator
 * refuses (corrupt) is reported and referenced by its local digest, so the coordinator can
 * name the refusal as that candidate's cause when candidates may fail alone.
 */
public final class GenerationUpload {
    private GenerationUpload() {
    }

    /** The submission JSON for {@code generation}, after uploading its packages through {@code client}. */
    public static String prepare(GenerationFiles.LocalGeneration generation, FarmClient client, PrintStream log)
            throws IOException {
        Map<Path, String> digests = new HashMap<>();
        List<CandidateSpec> candidates = new ArrayList<>();
        for (GenerationFiles.LocalCandidate c : generation.candidates()) {
            String model = upload(c.model(), client, digests, log);
            List<String> adapters = new ArrayList<>();
            for (Path a : c.adapters()) {
                adapters.add(upload(a, client, digests, log));
            }
            candidates.add(new CandidateSpec(c.spec().id(), model, adapters, c.spec().parent()));
        }
        GenerationSpec spec = generation.spec();
        return GenerationWriter.write(new GenerationSpec(spec.name(), new SuiteRef.Inline(generation.suite()),
                spec.sampling(), spec.objectives(), candidates));
    }

    private static String upload(Path file, FarmClient client, Map<Path, String> digests, PrintStream log)
            throws IOException {
        Path key = file.toAbsolutePath().normalize();
        String known = digests.get(key);
        if (known != null) {
            return known;
        }
        String digest;
        try {
            JsonObject stored = client.upload(file);
            digest = stored.getString("digest");
            log.printf("uploaded %s  %s  %s%n", file.getFileName(), digest, stored.getString("detail", ""));
        } catch (FarmException e) {
            if (e.status() != 422) {
                throw e;
            }
            digest = sha256(file);
            log.printf("refused  %s  %s: %s%n", file.getFileName(), digest, e.getMessage());
        }
        digests.put(key, digest);
        return digest;
    }

    static String sha256(Path file) throws IOException {
        return FileDigests.sha256(file).toString();
    }
}
