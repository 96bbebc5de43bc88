package io.paddock.coordinator.flow;

import io.paddock.coordinator.rank.Ranking;
import io.paddock.coordinator.rank.RankingCsv;
import io.paddock.coordinator.rank.RankingJson;
import io.paddock.coordinator.rank.RankingTable;
import io.paddock.coordinator.results.ReportRecord;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.json.JsonWriter;
import io.paddock.protocol.wire.WireCodec;
import io.paddock.protocol.wire.WireMessage;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stage 7: writes {@code ranking.json}, {@code ranking.csv} and {@code evidence.jsonl} into the
 * generation's folder and returns what the API publishes. Evidence lines carry the worker's id,
 * kind and trust level beside each case result. Blocking.
 */
public final class ReportStage {
    public static final String RANKING_JSON = "ranking.json";
    public static final String RANKING_CSV = "ranking.csv";
    public static final String EVIDENCE_JSONL = "evidence.jsonl";

    private ReportStage() {
    }

    public static ReportRecord report(VerifiedGeneration generation, Ranking ranking, Path dir) throws IOException {
        Files.createDirectories(dir);
        String json = new String(RankingJson.write(ranking), StandardCharsets.UTF_8);
        String csv = RankingCsv.write(ranking);
        Files.writeString(dir.resolve(RANKING_JSON), json, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(RANKING_CSV), csv, StandardCharsets.UTF_8);
        writeEvidence(generation, dir.resolve(EVIDENCE_JSONL));
        Map<String, String> digests = new LinkedHashMap<>();
        for (VerifiedCandidate c : generation.candidates()) {
            if (c.evidenceDigest() != null) {
                digests.put(c.planned().id(), c.evidenceDigest());
            }
        }
        return new ReportRecord(json, new String(RankingJson.deterministicSection(ranking), StandardCharsets.UTF_8), csv,
                RankingTable.render(ranking), digests);
    }

    static void writeEvidence(VerifiedGeneration generation, Path file) throws IOException {
        String gen = generation.plan().id();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (VerifiedCandidate c : generation.candidates()) {
                if (c.failure() != null) {
                    out.write(JsonWriter.write(JsonObject.builder()
                            .put("generation_id", gen).put("candidate_id", c.planned().id())
                            .put("failure", JsonObject.builder().put("code", c.failure().code().publishedName())
                                    .put("cause", c.failure().cause()).build())
                            .build()));
                    out.write('\n');
                    continue;
                }
                int u = 0;
                for (int i = 0; i < c.results().size(); i++) {
                    while (i >= c.provenance().get(u).to()) {
                        u++;
                    }
                    UnitProvenance p = c.provenance().get(u);
                    CaseResult r = c.results().get(i);
                    out.write(JsonWriter.write(JsonObject.builder()
                            .put("generation_id", gen).put("candidate_id", c.planned().id()).put("case_index", i)
                            .put("worker_id", p.workerId()).put("worker_kind", p.workerKind())
                            .put("trust", p.trusted() ? WireMessage.TRUSTED : WireMessage.UNTRUSTED)
                            .put("result", WireCodec.caseResultToJson(r))
                            .build()));
                    out.write('\n');
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
