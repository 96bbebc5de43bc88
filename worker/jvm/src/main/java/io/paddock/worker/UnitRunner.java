package io.paddock.worker;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.EvidenceDigest;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.wire.WireMessage;
import io.paddock.runtime.eval.Evaluator;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.model.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Runs one lease on the calling thread: packages, assembly, then the cases in order (checking
 * for a cancel between cases), then the evidence digest. A candidate that cannot be loaded or
 * assembled becomes a typed {@link WireMessage.Failure}; a transient download problem is retried
 * and, if it persists, the lease is dropped (it expires and is run elsewhere). One runner per
 * evaluation thread (the evaluator is not thread-safe).
 */
final class UnitRunner {
    private static final Logger LOG = LoggerFactory.getLogger(UnitRunner.class);
    private static final int DOWNLOAD_ATTEMPTS = 3;

    private final CandidateLoader loader;
    private final Evaluator evaluator;

    UnitRunner(CandidateLoader loader, Kernels kernels) {
        this.loader = loader;
        this.evaluator = new Evaluator(kernels);
    }

    /** The result or failure to send, or null when the lease was cancelled or must be dropped. */
    WireMessage run(WireMessage.Lease lease, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        Model model;
        try {
            model = load(lease);
        } catch (FormatException e) {
            return new WireMessage.Failure(lease.unitId(), lease.epoch(), e.code(), e.getMessage());
        } catch (IOException e) {
            LOG.warn("dropping lease {}: packages unavailable ({})", lease.unitId(), e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return new WireMessage.Failure(lease.unitId(), lease.epoch(), ErrorCode.GENERATION_FAILED,
                    "worker could not load the candidate: " + e);
        }
        long evalStart = System.nanoTime();
        List<CaseResult> results = new ArrayList<>(lease.cases().size());
        long tokens = 0;
        for (EvalCase c : lease.cases()) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            CaseResult r = evaluator.runCase(model, c, lease.sampling());
            if (r instanceof CaseEvidence e) {
                tokens += e.diagnostics().generatedTokens();
            }
            results.add(r);
        }
        long end = System.nanoTime();
        return new WireMessage.Result(lease.unitId(), lease.epoch(), results, EvidenceDigest.of(results),
                new WireMessage.Timing(end - start, end - evalStart, tokens));
    }

    private Model load(WireMessage.Lease lease) throws Exception {
        IOException last = null;
        for (int attempt = 1; attempt <= DOWNLOAD_ATTEMPTS; attempt++) {
            try {
                return loader.load(lease.modelDigest(), lease.adapterDigests());
            } catch (IOException e) {
                last = e;
                Thread.sleep(500L * attempt);
            }
        }
        throw last;
    }
}
