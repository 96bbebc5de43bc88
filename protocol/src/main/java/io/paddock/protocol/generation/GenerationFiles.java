package io.paddock.protocol.generation;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.json.JsonWriter;
import io.paddock.protocol.suite.Suite;
import io.paddock.protocol.suite.SuiteParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The file-system edge of generations: reads a generation file, resolves its suite,
 * model and adapter paths against the file's directory, checks that each is an existing
 * regular file, and loads the suite. A missing or unreadable-as-file reference is a
 * {@link FormatException} ({@link ErrorCode#INVALID_SUITE}) naming the candidate, the field
 * and the resolved path; so is a {@code sha256:} reference (files reference packages by path).
 * Real I/O failures are {@link IOException}s. The only class of the parsing code that
 * touches {@code java.nio.file}.
 */
public final class GenerationFiles {
    private GenerationFiles() {
    }

    /** A candidate with its package paths resolved. */
    public record LocalCandidate(CandidateSpec spec, Path model, List<Path> adapters) {
        public LocalCandidate {
            Objects.requireNonNull(spec, "candidate");
            Objects.requireNonNull(model, "model path");
            adapters = List.copyOf(adapters);
        }
    }

    /** A generation file read from disk: the spec as written, the loaded suite and resolved candidates. */
    public record LocalGeneration(Path file, GenerationSpec spec, Suite suite, List<LocalCandidate> candidates) {
        public LocalGeneration {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(suite, "suite");
            candidates = List.copyOf(candidates);
        }
    }

    public static LocalGeneration load(Path file) throws IOException {
        return load(file, GenerationLimits.DEFAULT);
    }

    /** Reads, validates and resolves the generation file {@code file}. */
    public static LocalGeneration load(Path file, GenerationLimits limits) throws IOException {
        String label = file.toString();
        byte[] bytes = readBounded(file, limits.maxBytes(), label, "generation file");
        GenerationSpec spec = GenerationParser.parse(bytes, label, limits);
        Path dir = file.toAbsolutePath().getParent();

        Suite suite;
        if (spec.suite() instanceof SuiteRef.Reference ref) {
            Path suitePath = resolve(dir, ref.reference(), label, "field 'suite'");
            byte[] suiteBytes = readBounded(suitePath, limits.suite().maxBytes(), label + ": field 'suite'", "suite file");
            suite = SuiteParser.parse(suiteBytes, ref.reference(), limits.suite());
        } else {
            suite = ((SuiteRef.Inline) spec.suite()).suite();
        }

        List<LocalCandidate> candidates = new ArrayList<>();
        for (int i = 0; i < spec.candidates().size(); i++) {
            CandidateSpec c = spec.candidates().get(i);
            String who = "candidate " + JsonWriter.quote(c.id()) + ", field 'candidates[" + i + "]";
            Path model = resolve(dir, c.model(), label, who + ".model'");
            List<Path> adapters = new ArrayList<>();
            for (int k = 0; k < c.adapters().size(); k++) {
                adapters.add(resolve(dir, c.adapters().get(k), label, who + ".adapters[" + k + "]'"));
            }
            candidates.add(new LocalCandidate(c, model, adapters));
        }
        return new LocalGeneration(file, spec, suite, candidates);
    }

    private static Path resolve(Path dir, String reference, String label, String what) {
        if (Digest.isDigestReference(reference)) {
            throw new FormatException(ErrorCode.INVALID_SUITE, label + ": " + what
                    + " is a digest; a generation file references packages by path (submit digests to a coordinator)",
                    reference);
        }
        Path path;
        try {
            path = dir.resolve(reference).normalize();
        } catch (InvalidPathException e) {
            throw new FormatException(ErrorCode.INVALID_SUITE, label + ": " + what + " is not a valid path ("
                    + e.getReason() + ")", JsonWriter.quote(reference));
        }
        if (!Files.exists(path)) {
            throw new FormatException(ErrorCode.INVALID_SUITE, label + ": " + what + ": file not found", path);
        }
        if (!Files.isRegularFile(path)) {
            throw new FormatException(ErrorCode.INVALID_SUITE, label + ": " + what + ": not a regular file", path);
        }
        return path;
    }

    /** At most {@code maxBytes} of {@code file}; a larger file is a format error, read no further. */
    private static byte[] readBounded(Path file, long maxBytes, String label, String what) throws IOException {
        if (!Files.exists(file)) {
            throw new FormatException(ErrorCode.INVALID_SUITE, label + ": " + what + " not found", file);
        }
        if (!Files.isRegularFile(file)) {
            throw new FormatException(ErrorCode.INVALID_SUITE, label + ": " + what + " is not a regular file", file);
        }
        int cap = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(cap + 1);
        }
        if (bytes.length > cap) {
            throw new FormatException(ErrorCode.INVALID_SUITE, label + ": " + what + " larger than " + maxBytes
                    + " bytes", file);
        }
        return bytes;
    }
}
