package io.paddock.coordinator.rank;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ranking.csv: a header row, then one row per candidate, ranked ones first (status
 * "ranked") then invalid ones (status "invalid", with error_code and cause). Deterministic
 * columns come first, the timing columns last. "\n" line ends; fields with a comma, quote
 * or line break are quoted (RFC 4180). Numbers as in {@link RankingJson}.
 */
public final class RankingCsv {
    public static final List<String> DETERMINISTIC_COLUMNS = List.of(
            "status", "rank", "id", "parent", "front", "score", "crowding",
            "quality", "quality_low", "quality_high", "edit_similarity", "log_likelihood",
            "cost_bytes_per_token", "size_bytes", "model_bytes", "adapter_bytes",
            "cases_total", "cases_passed", "cases_failed", "cases_errored",
            "verdict", "shared_cases", "quality_diff", "quality_diff_low", "quality_diff_high",
            "loglik_diff", "loglik_diff_low", "loglik_diff_high", "loglik_verdict",
            "error_code", "cause");
    public static final List<String> TIMING_COLUMNS = List.of(
            "speed", "speed_samples", "wall_nanos", "timed_rank", "timed_front", "timed_score", "timed_crowding");

    private static final int SCALE = Decimals.EXPORT_SCALE;

    private RankingCsv() {
    }

    public static String write(Ranking r) {
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>(DETERMINISTIC_COLUMNS);
        header.addAll(TIMING_COLUMNS);
        line(sb, header);
        for (RankedCandidate c : r.ranked()) {
            List<String> row = deterministic(c);
            row.addAll(timing(r, c.id()));
            line(sb, row);
        }
        for (FailedCandidate f : r.failed()) {
            List<String> row = new ArrayList<>();
            row.add("invalid");
            row.add("");
            row.add(f.id());
            row.add(Boolean.toString(f.parent()));
            blanks(row, DETERMINISTIC_COLUMNS.size() - 2 - row.size());
            row.add(f.code().publishedName());
            row.add(f.cause());
            blanks(row, TIMING_COLUMNS.size());
            line(sb, row);
        }
        return sb.toString();
    }

    private static List<String> deterministic(RankedCandidate c) {
        Placement p = c.placement();
        FitnessVector f = c.fitness();
        PairedComparison v = c.vsParent();
        List<String> row = new ArrayList<>();
        row.add("ranked");
        row.add(Integer.toString(p.rank()));
        row.add(p.id());
        row.add(Boolean.toString(c.parent()));
        row.add(Integer.toString(p.front()));
        row.add(Decimals.fixed(p.score(), SCALE));
        row.add(Decimals.fixedOrInfinity(p.crowding(), SCALE));
        row.add(Decimals.fixed(f.quality(), SCALE));
        row.add(Decimals.fixed(f.qualityInterval().low(), SCALE));
        row.add(Decimals.fixed(f.qualityInterval().high(), SCALE));
        row.add(Decimals.fixed(f.editSimilarity(), SCALE));
        row.add(Decimals.fixed(f.logLikelihood(), SCALE));
        row.add(Long.toString(f.costBytesPerToken()));
        row.add(Long.toString(f.size().total()));
        row.add(Long.toString(f.size().modelBytes()));
        row.add(Long.toString(f.size().adapterBytes()));
        row.add(Integer.toString(f.casesTotal()));
        row.add(Integer.toString(f.casesPassed()));
        row.add(Integer.toString(f.casesFailed()));
        row.add(Integer.toString(f.casesErrored()));
        row.add(v.verdict().label());
        row.add(Integer.toString(v.sharedCases()));
        if (v.verdict().compared()) {
            row.add(Decimals.fixed(v.qualityDifference(), SCALE));
            row.add(Decimals.fixed(v.qualityInterval().low(), SCALE));
            row.add(Decimals.fixed(v.qualityInterval().high(), SCALE));
            row.add(Decimals.fixed(v.logLikelihoodDifference(), SCALE));
            row.add(Decimals.fixed(v.logLikelihoodInterval().low(), SCALE));
            row.add(Decimals.fixed(v.logLikelihoodInterval().high(), SCALE));
            row.add(v.logLikelihoodVerdict().label());
        } else {
            blanks(row, 7);
        }
        blanks(row, 2);
        return row;
    }

    private static List<String> timing(Ranking r, String id) {
        List<String> row = new ArrayList<>();
        Optional<TimingFigures> t = r.timingOf(id);
        if (t.isPresent()) {
            row.add(Decimals.fixed(t.get().speed(), SCALE));
            row.add(Integer.toString(t.get().speedSamples()));
            row.add(Long.toString(t.get().wallNanos()));
        } else {
            blanks(row, 3);
        }
        Placement timed = null;
        for (Placement p : r.timing().ranking()) {
            if (p.id().equals(id)) {
                timed = p;
            }
        }
        if (timed != null) {
            row.add(Integer.toString(timed.rank()));
            row.add(Integer.toString(timed.front()));
            row.add(Decimals.fixed(timed.score(), SCALE));
            row.add(Decimals.fixedOrInfinity(timed.crowding(), SCALE));
        } else {
            blanks(row, 4);
        }
        return row;
    }

    private static void blanks(List<String> row, int count) {
        for (int i = 0; i < count; i++) {
            row.add("");
        }
    }

    private static void line(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(fields.get(i)));
        }
        sb.append('\n');
    }

    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
