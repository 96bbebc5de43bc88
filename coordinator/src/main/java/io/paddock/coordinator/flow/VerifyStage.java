package io.paddock.coordinator.flow;

import io.paddock.coordinator.rank.CaseSpeed;
import io.paddock.coordinator.results.UnitPayload;
import io.paddock.coordinator.schedule.CandidateFailure;
import io.paddock.coordinator.schedule.CandidateState;
import io.paddock.coordinator.schedule.CandidateWork;
import io.paddock.coordinator.schedule.WorkUnit;
import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.EvidenceDigest;
import io.paddock.protocol.wire.WireCodec;
import io.paddock.protocol.wire.WireMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stage 5, pure: assembles each candidate's agreed unit results in suite order and checks them
 * once more end to end (every unit settled, the stored payload is the one agreed on, its digest
 * recomputes, the case ids are the suite's). Agreement between workers was decided as results
 * arrived (see {@code Verification}); this stage makes sure nothing was lost on the way.
 */
public final class VerifyStage {
    private VerifyStage() {
    }

    /** The keys of the payloads {@link #verify} needs: each settled unit's agreed epoch. */
    public static List<String> payloadKeys(Map<Integer, CandidateWork> works) {
        List<String> keys = new ArrayList<>();
        for (CandidateWork w : works.values()) {
            if (w.state() == CandidateState.COMPLETE) {
                for (WorkUnit u : w.units()) {
                    keys.add(UnitPayload.key(w.generationId(), w.candidate(), u.index(), u.acceptedEpoch()));
                }
            }
        }
        return keys;
    }

    public static VerifiedGeneration verify(GenerationPlan plan, Map<Integer, CandidateWork> works,
                                            Map<String, UnitPayload> payloads) {
        List<VerifiedCandidate> out = new ArrayList<>(plan.candidates().size());
        for (PlannedCandidate c : plan.candidates()) {
            CandidateWork w = works.get(c.index());
            if (c.rejection() != null) {
                out.add(VerifiedCandidate.failed(c, c.rejection()));
            } else if (w == null) {
                out.add(VerifiedCandidate.failed(c, new CandidateFailure(ErrorCode.GENERATION_FAILED,
                        "verify: no scheduling state for the candidate")));
            } else if (w.state() != CandidateState.COMPLETE) {
                out.add(VerifiedCandidate.failed(c, w.failure() != null ? w.failure()
                        : new CandidateFailure(ErrorCode.GENERATION_FAILED, "candidate ended " + w.state())));
            } else {
                out.add(candidate(plan, c, w, payloads));
            }
        }
        return new VerifiedGeneration(plan, out);
    }

    private static VerifiedCandidate candidate(GenerationPlan plan, PlannedCandidate c, CandidateWork w,
                                               Map<String, UnitPayload> payloads) {
        List<CaseResult> results = new ArrayList<>(plan.cases().size());
        List<CaseSpeed> speeds = new ArrayList<>();
        List<UnitProvenance> provenance = new ArrayList<>();
        for (WorkUnit u : w.units()) {
            String where = "verify: unit " + u.index() + " (cases " + u.from() + ".." + (u.to() - 1) + ")";
            if (u.from() != results.size()) {
                return fail(c, where + " does not follow the previous unit");
            }
            UnitPayload p = payloads.get(UnitPayload.key(w.generationId(), w.candidate(), u.index(), u.acceptedEpoch()));
            if (p == null) {
                return fail(c, where + ": the agreed result (epoch " + u.acceptedEpoch() + ") is missing");
            }
            if (!p.digest().equals(u.acceptedDigest())) {
                return fail(c, where + ": stored digest " + p.digest() + " is not the agreed " + u.acceptedDigest());
            }
            List<CaseResult> unit;
            try {
                WireMessage stored = WireCodec.decode(p.messageJson(), Integer.MAX_VALUE - 16);
                if (!(stored instanceof WireMessage.Result r)) {
                    return fail(c, where + ": the stored message is a " + stored.type() + ", not a result");
                }
                unit = r.results();
            } catch (FormatException e) {
                return fail(c, where + ": " + e.getMessage());
            }
            if (!EvidenceDigest.of(unit).equals(u.acceptedDigest()) || unit.size() != u.caseCount()) {
                return fail(c, where + ": the stored evidence does not hash to the agreed digest");
            }
            for (int i = 0; i < unit.size(); i++) {
                if (!unit.get(i).caseId().equals(plan.cases().get(u.from() + i).id())) {
                    return fail(c, where + ": case " + i + " is '" + unit.get(i).caseId() + "'");
                }
                if (unit.get(i) instanceof CaseEvidence e) {
                    speeds.add(CaseSpeed.of(e, p.calibrationFactor()));
                }
            }
            results.addAll(unit);
            provenance.add(new UnitProvenance(u.from(), u.to(), u.acceptedEpoch(), p.workerId(), p.workerKind(),
                    p.trusted()));
        }
        if (results.size() != plan.cases().size()) {
            return fail(c, "verify: " + results.size() + " results for " + plan.cases().size() + " cases");
        }
        return new VerifiedCandidate(c, null, results, speeds, EvidenceDigest.of(results), provenance);
    }

    private static VerifiedCandidate fail(PlannedCandidate c, String cause) {
        return VerifiedCandidate.failed(c, new CandidateFailure(ErrorCode.GENERATION_FAILED, cause));
    }
}
