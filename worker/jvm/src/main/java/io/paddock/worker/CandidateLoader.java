package io.paddock.worker;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterReader;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.slm.ChecksumPolicy;
import io.paddock.protocol.slm.SlmFiles;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.runtime.eval.Assembler;
import io.paddock.runtime.eval.Candidate;
import io.paddock.runtime.model.Model;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a lease's package digests into a runnable model: packages from the {@link PackageCache},
 * base models, adapters and assembled candidates memoized (a worker that gets unit after unit
 * of one candidate assembles it once; one base serves all its candidates). Thread-safe.
 */
final class CandidateLoader {
    private final PackageCache cache;
    private final Memo<String, SlmModel> bases = new Memo<>(2);
    private final Memo<String, Adapter> adapters = new Memo<>(32);
    private final Memo<String, Model> assembled;

    CandidateLoader(PackageCache cache, int slots) {
        this.cache = cache;
        this.assembled = new Memo<>(Math.max(2, slots + 1));
    }

    /** The assembled candidate; FormatException (typed) when a package is invalid or does not bind. */
    Model load(String modelDigest, List<String> adapterDigests) throws Exception {
        String key = modelDigest + "+" + String.join("+", adapterDigests);
        return assembled.get(key, () -> {
            SlmModel base = bases.get(modelDigest, () -> SlmFiles.read(cache.fetch(modelDigest), ChecksumPolicy.STRICT));
            List<Adapter> list = new ArrayList<>(adapterDigests.size());
            for (String a : adapterDigests) {
                list.add(adapters.get(a, () -> AdapterReader.read(Files.readAllBytes(cache.fetch(a)))));
            }
            return Assembler.assemble(new Candidate(base, list, Digest.parse(modelDigest)));
        });
    }
}
