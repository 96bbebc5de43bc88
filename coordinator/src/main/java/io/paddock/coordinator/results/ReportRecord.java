package io.paddock.coordinator.results;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the report stage publishes for a generation.
 *
 * @param rankingJson     ranking.json (timing section included)
 * @param deterministic   ranking.json without its timing section: byte-identical across reruns
 * @param rankingCsv      ranking.csv
 * @param table           the terminal table
 * @param evidenceDigests per candidate id, the evidence digest over all its cases (ranked candidates only)
 */
public record ReportRecord(String rankingJson, String deterministic, String rankingCsv, String table, Map<String, String> evidenceDigests)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ReportRecord {
        evidenceDigests = new LinkedHashMap<>(evidenceDigests);
    }
}
