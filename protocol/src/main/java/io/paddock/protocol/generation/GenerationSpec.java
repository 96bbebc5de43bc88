package io.paddock.protocol.generation;

import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.json.ErrorContext;
import io.paddock.protocol.json.JsonWriter;
import io.paddock.protocol.suite.Sampling;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A generation as written: name, suite, sampling, objective weights and candidates, with
 * packages and suite by reference (paths in a file, digests at a coordinator). A pure
 * value: {@link GenerationParser} reads it, {@link GenerationWriter} writes it,
 * {@link GenerationFiles} resolves the paths of one on disk.
 */
public record GenerationSpec(String name, SuiteRef suite, Sampling sampling, Objectives objectives,
        List<CandidateSpec> candidates) {

    /** @throws IllegalArgumentException on nulls, no candidates, repeated ids or more than one parent */
    public GenerationSpec {
        Objects.requireNonNull(name, "generation name");
        Objects.requireNonNull(suite, "generation suite");
        Objects.requireNonNull(sampling, "generation sampling");
        Objects.requireNonNull(objectives, "generation objectives");
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("generation '" + name + "' has no candidates");
        }
        Set<String> ids = new HashSet<>();
        int parents = 0;
        for (CandidateSpec c : candidates) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("generation '" + name + "' repeats candidate id '" + c.id() + "'");
            }
            parents += c.parent() ? 1 : 0;
        }
        if (parents > 1) {
            throw new IllegalArgumentException("generation '" + name + "' has " + parents + " parents");
        }
    }

    /** The parent candidate, if one is marked. */
    public Optional<CandidateSpec> parent() {
        for (CandidateSpec c : candidates) {
            if (c.parent()) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Checks that every package reference (and a suite reference, if any) is a well-formed
     * digest, as a coordinator requires; errors name the field, e.g.
     * {@code where: field 'candidates[1].model' must be a package digest sha256:<64 lowercase hex>}.
     */
    public void requireDigestReferences(ErrorContext context) {
        if (suite instanceof SuiteRef.Reference ref) {
            requireDigest(ref.reference(), "suite", context);
        }
        for (int i = 0; i < candidates.size(); i++) {
            CandidateSpec c = candidates.get(i);
            requireDigest(c.model(), "candidates[" + i + "].model", context);
            for (int k = 0; k < c.adapters().size(); k++) {
                requireDigest(c.adapters().get(k), "candidates[" + i + "].adapters[" + k + "]", context);
            }
        }
    }

    private static void requireDigest(String reference, String path, ErrorContext context) {
        try {
            Digest.parse(reference, context.code());
        } catch (FormatException e) {
            throw context.fail("field '" + path + "' must be a package digest sha256:<64 lowercase hex>",
                    JsonWriter.quote(reference.length() > 80 ? reference.substring(0, 80) + "…" : reference));
        }
    }
}
