package io.paddock.coordinator.flow;

import io.paddock.coordinator.schedule.CandidateFailure;
import io.paddock.coordinator.store.PackageInfo;
import io.paddock.coordinator.store.PackageKind;
import io.paddock.coordinator.store.PackageRefusal;
import io.paddock.coordinator.store.PackageStore;
import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterValidator;
import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.generation.CandidateSpec;
import io.paddock.protocol.generation.GenerationLimits;
import io.paddock.protocol.generation.GenerationParser;
import io.paddock.protocol.generation.GenerationSpec;
import io.paddock.protocol.generation.SuiteRef;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.json.ErrorContext;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.suite.Suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stage 1: a posted generation is parsed and checked against the package store before any work
 * is planned: a malformed generation or suite is a 400, an unknown or wrong-kind package and an
 * adapter that does not bind to its model a 422, each message naming the field and the cause.
 * Blocking (reads package layouts): run it off the event loop.
 */
public final class SubmitStage {
    private static final String LABEL = "generation";

    private SubmitStage() {
    }

    public static ValidatedGeneration validate(Submission submission, PackageStore store, GenerationLimits limits) {
        GenerationSpec spec;
        try {
            spec = GenerationParser.parse(submission.json(), LABEL, limits);
            spec.requireDigestReferences(ErrorContext.of(LABEL));
        } catch (FormatException e) {
            throw new SubmissionRejected(400, e.getMessage());
        }
        Suite suite = suite(spec, store);
        List<ValidatedCandidate> candidates = new ArrayList<>(spec.candidates().size());
        for (int i = 0; i < spec.candidates().size(); i++) {
            ValidatedCandidate c = candidate(i, spec.candidates().get(i), store);
            if (c.rejection() != null && !submission.failInvalidCandidates()) {
                throw new SubmissionRejected(422, "candidate '" + c.spec().id() + "' (candidates[" + i + "]): "
                        + c.rejection().cause());
            }
            candidates.add(c);
        }
        return new ValidatedGeneration(spec, suite, candidates);
    }

    private static Suite suite(GenerationSpec spec, PackageStore store) {
        if (spec.suite() instanceof SuiteRef.Inline inline) {
            return inline.suite();
        }
        String digest = ((SuiteRef.Reference) spec.suite()).reference();
        PackageInfo info = store.info(digest).orElseThrow(() -> new SubmissionRejected(422,
                "generation: field 'suite': " + unknown(digest, store)));
        if (info.kind() != PackageKind.SUITE) {
            throw new SubmissionRejected(422, "generation: field 'suite': package " + digest + " is a "
                    + info.kind().label() + " package, not a suite");
        }
        try {
            return store.suite(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FormatException e) {
            throw new SubmissionRejected(400, "generation: field 'suite': " + e.getMessage());
        }
    }

    private static ValidatedCandidate candidate(int index, CandidateSpec spec, PackageStore store) {
        String where = "field 'candidates[" + index + "].model'";
        Optional<PackageInfo> model = store.info(spec.model());
        if (model.isEmpty()) {
            return rejected(index, spec, null, unknownCode(spec.model(), store, ErrorCode.MODEL_NOT_LOADED),
                    where + ": " + unknown(spec.model(), store));
        }
        if (model.get().kind() != PackageKind.MODEL) {
            return rejected(index, spec, model.get(), ErrorCode.INVALID_MODEL_MAGIC, where + ": package "
                    + spec.model() + " is a " + model.get().kind().label() + " package, not a model");
        }
        List<PackageInfo> adapters = new ArrayList<>();
        SlmModel layout = null;
        for (int k = 0; k < spec.adapters().size(); k++) {
            String digest = spec.adapters().get(k);
            String at = "field 'candidates[" + index + "].adapters[" + k + "]'";
            Optional<PackageInfo> info = store.info(digest);
            if (info.isEmpty()) {
                return rejected(index, spec, model.get(), unknownCode(digest, store, ErrorCode.INVALID_ADAPTER),
                        at + ": " + unknown(digest, store));
            }
            if (info.get().kind() != PackageKind.ADAPTER) {
                return rejected(index, spec, model.get(), ErrorCode.INVALID_ADAPTER, at + ": package " + digest
                        + " is a " + info.get().kind().label() + " package, not an adapter");
            }
            try {
                if (layout == null) {
                    layout = store.modelLayout(spec.model());
                }
                Adapter adapter = store.adapter(digest);
                AdapterValidator.validate(adapter, layout, Digest.parse(spec.model()).bytes());
            } catch (FormatException e) {
                return rejected(index, spec, model.get(), e.code(), at + " does not bind to model " + spec.model()
                        + ": " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            adapters.add(info.get());
        }
        return new ValidatedCandidate(index, spec, model.get(), adapters, null);
    }

    private static String unknown(String digest, PackageStore store) {
        PackageRefusal refused = store.rejection(digest);
        return refused != null
                ? "package " + digest + " was refused on upload: " + refused.cause()
                : "package " + digest + " is unknown to this coordinator (upload it with PUT /v1/packages)";
    }

    private static ErrorCode unknownCode(String digest, PackageStore store, ErrorCode otherwise) {
        PackageRefusal refused = store.rejection(digest);
        return refused != null ? refused.code() : otherwise;
    }

    private static ValidatedCandidate rejected(int index, CandidateSpec spec, PackageInfo model, ErrorCode code,
                                               String cause) {
        return new ValidatedCandidate(index, spec, model, List.of(), new CandidateFailure(code, cause));
    }
}
