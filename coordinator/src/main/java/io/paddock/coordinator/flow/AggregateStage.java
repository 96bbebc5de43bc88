package io.paddock.coordinator.flow;

import io.paddock.coordinator.rank.CandidateOutcome;
import io.paddock.coordinator.rank.EvaluatedCandidate;
import io.paddock.coordinator.rank.FailedCandidate;
import io.paddock.coordinator.rank.ObjectiveWeights;
import io.paddock.coordinator.rank.PackageSize;
import io.paddock.coordinator.rank.Ranker;
import io.paddock.coordinator.rank.Ranking;
import io.paddock.coordinator.rank.RankingSettings;
import io.paddock.protocol.generation.Objectives;

import java.util.ArrayList;
import java.util.List;

/** Stage 6, pure: verified candidates become fitness vectors and a ranking (the rank package's math). */
public final class AggregateStage {
    private AggregateStage() {
    }

    public static Ranking rank(VerifiedGeneration generation) {
        List<CandidateOutcome> outcomes = new ArrayList<>(generation.candidates().size());
        for (VerifiedCandidate c : generation.candidates()) {
            PlannedCandidate p = c.planned();
            if (c.failure() != null) {
                outcomes.add(new FailedCandidate(p.id(), p.parent(), c.failure().code(), c.failure().cause()));
            } else {
                outcomes.add(new EvaluatedCandidate(p.id(), p.parent(), new PackageSize(p.modelBytes(), p.adapterBytes()),
                        p.costBytesPerToken(), c.results(), c.speeds()));
            }
        }
        Objectives o = generation.plan().objectives();
        ObjectiveWeights weights = new ObjectiveWeights(o.quality(), o.loglik(), o.cost(), o.speed(), o.size());
        return Ranker.rank(outcomes, RankingSettings.of(generation.plan().rankingSeed(), weights));
    }
}
