package io.paddock.coordinator.rank;

import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks a generation. The stages, in order: put candidates in id order (so the input order
 * never matters) → screen out failed ones → fitness vectors → paired bootstrap against the
 * parent → deterministic Pareto ranking (speed excluded) → timing figures and, if asked,
 * the timing ranking with speed → assemble.
 */
public final class Ranker {

    private Ranker() {
    }

    public static Ranking rank(List<? extends CandidateOutcome> outcomes, RankingSettings settings) {
        List<CandidateOutcome> candidates = inIdOrder(outcomes);
        List<FailedCandidate> failed = new ArrayList<>();
        List<EvaluatedCandidate> valid = screen(candidates, failed);
        Map<String, FitnessVector> fitness = new HashMap<>();
        for (EvaluatedCandidate c : valid) {
            fitness.put(c.id(), FitnessCalculator.fitness(c, settings));
        }
        Map<String, PairedComparison> vsParent = compareWithParent(valid, settings);

        List<Objective> objectives = settings.weights().active(false);
        List<Placement> placements = placements(valid, fitness, Map.of(), objectives, settings.weights());
        List<RankedCandidate> ranked = new ArrayList<>(placements.size());
        Map<String, EvaluatedCandidate> byId = new HashMap<>();
        for (EvaluatedCandidate c : valid) {
            byId.put(c.id(), c);
        }
        for (Placement p : placements) {
            ranked.add(new RankedCandidate(p, byId.get(p.id()).parent(), fitness.get(p.id()), vsParent.get(p.id())));
        }
        TimingSection timing = timing(placements, byId, fitness, settings);
        return new Ranking(settings, objectives, ranked, failed, timing);
    }

    private static List<CandidateOutcome> inIdOrder(List<? extends CandidateOutcome> outcomes) {
        List<CandidateOutcome> sorted = new ArrayList<>(outcomes);
        sorted.sort(Comparator.comparing(CandidateOutcome::id));
        Set<String> ids = new HashSet<>();
        String parent = null;
        for (CandidateOutcome c : sorted) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("duplicate candidate id '" + c.id() + "'");
            }
            if (c.parent()) {
                if (parent != null) {
                    throw new IllegalArgumentException("two parents: '" + parent + "' and '" + c.id() + "'");
                }
                parent = c.id();
            }
        }
        return sorted;
    }

    private static List<EvaluatedCandidate> screen(List<CandidateOutcome> candidates, List<FailedCandidate> failed) {
        List<EvaluatedCandidate> valid = new ArrayList<>();
        for (CandidateOutcome c : candidates) {
            if (c instanceof FailedCandidate f) {
                failed.add(f);
            } else {
                EvaluatedCandidate e = (EvaluatedCandidate) c;
                CandidateScreen.screen(e).ifPresentOrElse(failed::add, () -> valid.add(e));
            }
        }
        return valid;
    }

    private static Map<String, PairedComparison> compareWithParent(List<EvaluatedCandidate> valid,
                                                                   RankingSettings settings) {
        EvaluatedCandidate parent = null;
        for (EvaluatedCandidate c : valid) {
            if (c.parent()) {
                parent = c;
            }
        }
        Map<String, PairedComparison> out = new HashMap<>();
        for (EvaluatedCandidate c : valid) {
            if (c.parent()) {
                out.put(c.id(), PairedComparison.parent(ranCount(c)));
            } else if (parent == null) {
                out.put(c.id(), PairedComparison.notApplicable(0));
            } else {
                long seed = BootstrapSeed.derive(settings.generationSeed(), BootstrapSeed.PAIRED, c.id());
                out.put(c.id(), PairedBootstrap.compare(sharedCases(c, parent), settings.resamples(), seed));
            }
        }
        return out;
    }

    private static int ranCount(EvaluatedCandidate c) {
        int n = 0;
        for (CaseResult r : c.results()) {
            if (r instanceof CaseEvidence) {
                n++;
            }
        }
        return n;
    }

    /** Cases both ran without failure, in the parent's suite order. */
    static List<PairedCase> sharedCases(EvaluatedCandidate candidate, EvaluatedCandidate parent) {
        Map<String, CaseResult> mine = new HashMap<>();
        for (CaseResult r : candidate.results()) {
            mine.put(r.caseId(), r);
        }
        List<PairedCase> shared = new ArrayList<>();
        for (CaseResult pr : parent.results()) {
            CaseResult cr = mine.get(pr.caseId());
            if (pr instanceof CaseEvidence p && cr instanceof CaseEvidence c) {
                shared.add(new PairedCase(c.matched() ? 1 : 0, p.matched() ? 1 : 0,
                        c.logLikelihoodSum(), c.expectedTokens(), p.logLikelihoodSum(), p.expectedTokens()));
            }
        }
        return shared;
    }

    private static List<Placement> placements(List<EvaluatedCandidate> valid, Map<String, FitnessVector> fitness,
                                              Map<String, TimingFigures> timing, List<Objective> objectives,
                                              ObjectiveWeights weights) {
        List<String> ids = new ArrayList<>(valid.size());
        double[][] values = new double[valid.size()][objectives.size()];
        for (int i = 0; i < valid.size(); i++) {
            String id = valid.get(i).id();
            ids.add(id);
            for (int j = 0; j < objectives.size(); j++) {
                Objective o = objectives.get(j);
                values[i][j] = o.deterministic() ? fitness.get(id).value(o) : timing.get(id).speed();
            }
        }
        return ParetoRanking.rank(ids, values, objectives, weights);
    }

    private static TimingSection timing(List<Placement> placements, Map<String, EvaluatedCandidate> byId,
                                        Map<String, FitnessVector> fitness, RankingSettings settings) {
        List<TimingFigures> figures = new ArrayList<>(placements.size());
        Map<String, TimingFigures> timingById = new HashMap<>();
        for (Placement p : placements) {
            TimingFigures t = FitnessCalculator.timing(byId.get(p.id()));
            figures.add(t);
            timingById.put(p.id(), t);
        }
        if (!settings.useTiming()) {
            return new TimingSection(false, List.of(), figures, List.of());
        }
        List<EvaluatedCandidate> valid = new ArrayList<>(byId.values());
        valid.sort(Comparator.comparing(EvaluatedCandidate::id));
        List<Objective> objectives = settings.weights().active(true);
        return new TimingSection(true, objectives, figures,
                placements(valid, fitness, timingById, objectives, settings.weights()));
    }
}
