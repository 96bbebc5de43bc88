package io.paddock.coordinator.rank;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The terminal table: one aligned row per ranked candidate (rank, id, front, score,
 * quality with its 95% interval, quality difference and size ratio against the parent,
 * log-likelihood, cost, size, verdict, and the timing-based speed when known), then the
 * invalid candidates with their cause. Lines end with "\n", no trailing spaces.
 */
public final class RankingTable {
    private static final String[] HEADER = {
            "rank", "id", "front", "score", "quality [95% CI]", "vs parent", "loglik",
            "cost/token", "size", "size/parent", "verdict", "speed*"};
    private static final boolean[] LEFT = {
            false, true, false, false, false, false, false, false, false, false, true, false};

    private RankingTable() {
    }

    public static String render(Ranking r) {
        boolean withSpeed = !r.timing().figures().isEmpty();
        int columns = withSpeed ? HEADER.length : HEADER.length - 1;
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        String[] rule = new String[HEADER.length];
        rows.add(rule);
        Optional<RankedCandidate> parent = r.parent();
        for (RankedCandidate c : r.ranked()) {
            rows.add(row(r, c, parent));
        }
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                if (row[i] != null) {
                    width[i] = Math.max(width[i], length(row[i]));
                }
            }
        }
        for (int i = 0; i < columns; i++) {
            rule[i] = "-".repeat(width[i]);
        }

        StringBuilder sb = new StringBuilder();
        sb.append("Objectives: ").append(objectives(r)).append('\n').append('\n');
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(width[i] - length(row[i]));
                line.append(LEFT[i] ? row[i] + pad : pad + row[i]);
            }
            sb.append(stripTrailing(line)).append('\n');
        }
        if (r.ranked().isEmpty()) {
            sb.append("(no valid candidate)\n");
        }
        if (!r.failed().isEmpty()) {
            sb.append('\n').append("Invalid candidates (not ranked):\n");
            int idWidth = 0;
            for (FailedCandidate f : r.failed()) {
                idWidth = Math.max(idWidth, length(f.id()));
            }
            for (FailedCandidate f : r.failed()) {
                sb.append("  ").append(f.id()).append(" ".repeat(idWidth - length(f.id()))).append("  ")
                        .append(f.code().publishedName()).append(": ").append(oneLine(f.cause())).append('\n');
            }
        }
        if (withSpeed) {
            sb.append('\n').append("* speed: median tokens/s normalized by each worker's calibration;"
                    + " timing-based, not part of the deterministic ranking.\n");
        }
        return sb.toString();
    }

    private static String[] row(Ranking r, RankedCandidate c, Optional<RankedCandidate> parent) {
        FitnessVector f = c.fitness();
        PairedComparison v = c.vsParent();
        String sizeRatio = "-";
        if (parent.isPresent() && parent.get().fitness().size().total() > 0) {
            sizeRatio = Decimals.fixed((double) f.size().total() / parent.get().fitness().size().total(), 2) + "x";
        }
        String speed = "-";
        Optional<TimingFigures> t = r.timingOf(c.id());
        if (t.isPresent() && t.get().speedSamples() > 0) {
            speed = Decimals.fixed(t.get().speed(), 1);
        }
        return new String[] {
                Integer.toString(c.placement().rank()),
                c.id(),
                Integer.toString(c.placement().front()),
                Decimals.fixed(c.placement().score(), 3),
                Decimals.fixed(f.quality(), 3) + " [" + Decimals.fixed(f.qualityInterval().low(), 3) + ", "
                        + Decimals.fixed(f.qualityInterval().high(), 3) + "]",
                v.verdict().compared() ? Decimals.signed(v.qualityDifference(), 3) : "-",
                Decimals.fixed(f.logLikelihood(), 3),
                Decimals.bytes(f.costBytesPerToken()),
                Decimals.bytes(f.size().total()),
                sizeRatio,
                v.verdict().label(),
                speed};
    }

    private static String objectives(Ranking r) {
        if (r.objectives().isEmpty()) {
            return "none weighted (every valid candidate in front 1)";
        }
        StringBuilder sb = new StringBuilder();
        for (Objective o : r.objectives()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(o.key()).append(o.higherIsBetter() ? " (max" : " (min").append(", weight ")
                    .append(Decimals.fixed(r.settings().weights().weight(o), 3)).append(')');
        }
        return sb.toString();
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    private static String stripTrailing(StringBuilder line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        return line.substring(0, end);
    }
}
