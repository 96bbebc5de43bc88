package io.paddock.coordinator.recovery;

import io.paddock.coordinator.flow.GenerationPlan;
import io.paddock.coordinator.flow.PlanCodec;
import io.paddock.coordinator.flow.ReportStage;
import io.paddock.coordinator.results.FinishedReport;
import io.paddock.coordinator.results.ReportCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a coordinator keeps on disk about each generation, beside its result log, so that a
 * restart can rebuild it: in {@code <data>/generations/<id>/}, {@code plan.json} (written when
 * the generation is accepted, before any work is leased), {@code cancelled} (when it is
 * cancelled), {@code report.json} (when it is ranked, after its report files) and {@code era}
 * (how many times it was recovered: lease epochs of a recovered generation start above every
 * epoch of an earlier run). Every write goes to a temporary file that is forced and renamed.
 * Blocking.
 */
public final class GenerationJournal {
    public static final String PLAN = "plan.json";
    public static final String REPORT = "report.json";
    public static final String CANCELLED = "cancelled";
    public static final String ERA = "era";

    private final Path dir;

    /** @param dir where generation folders live ({@code <data>/generations}) */
    public GenerationJournal(Path dir) {
        this.dir = dir;
    }

    public Path folder(String generationId) {
        return dir.resolve(generationId);
    }

    /** Records an accepted generation's plan. */
    public void planned(GenerationPlan plan) throws IOException {
        AtomicFiles.write(folder(plan.id()).resolve(PLAN), PlanCodec.write(plan));
    }

    /**
     * Forgets a generation whose submission failed after its plan was journaled: its plan is
     * removed first (durably), then its folder, so a restart does not resurrect it.
     */
    public void forget(String generationId) throws IOException {
        Path folder = folder(generationId);
        if (!Files.isDirectory(folder)) {
            return;
        }
        if (Files.deleteIfExists(folder.resolve(PLAN))) {
            AtomicFiles.force(folder);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(folder);
        AtomicFiles.force(dir);
    }

    /** Records that a generation was cancelled. */
    public void cancelled(String generationId, long whenMillis) throws IOException {
        AtomicFiles.write(folder(generationId).resolve(CANCELLED), Long.toString(whenMillis));
    }

    /** Records a ranked generation: its report files are forced first, then {@code report.json} is written. */
    public void reported(String generationId, FinishedReport report) throws IOException {
        Path folder = folder(generationId);
        for (String name : new String[] {ReportStage.RANKING_JSON, ReportStage.RANKING_CSV, ReportStage.EVIDENCE_JSONL}) {
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file)) {
                AtomicFiles.force(file);
            }
        }
        AtomicFiles.write(folder.resolve(REPORT), ReportCodec.write(report));
    }

    /** The ids of the journaled generations (those with a plan). */
    public List<String> generations() throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(dir)) {
            for (Path f : folders) {
                if (Files.isRegularFile(f.resolve(PLAN))) {
                    ids.add(f.getFileName().toString());
                }
            }
        }
        ids.sort(null);
        return ids;
    }

    public GenerationPlan plan(String generationId) throws IOException {
        return PlanCodec.read(Files.readString(folder(generationId).resolve(PLAN), StandardCharsets.UTF_8));
    }

    /** The generation's report, when it was ranked. */
    public Optional<FinishedReport> report(String generationId) throws IOException {
        Path file = folder(generationId).resolve(REPORT);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(ReportCodec.read(Files.readString(file, StandardCharsets.UTF_8)));
    }

    /** When the generation was cancelled, if it was. */
    public OptionalLong cancelledAt(String generationId) throws IOException {
        Path file = folder(generationId).resolve(CANCELLED);
        if (!Files.isRegularFile(file)) {
            return OptionalLong.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.of(Files.getLastModifiedTime(file).toMillis());
        }
    }

    /** Starts the generation's next era (1 at its first recovery) and returns it, durably. */
    public long nextEra(String generationId) throws IOException {
        Path file = folder(generationId).resolve(ERA);
        long era = 0;
        if (Files.isRegularFile(file)) {
            try {
                era = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
            } catch (NumberFormatException e) {
                throw new IOException(file + ": not an era number", e);
            }
        }
        if (era < 0 || era >= (1L << 20)) {
            throw new IOException(file + ": era " + era + " is out of range");
        }
        AtomicFiles.write(file, Long.toString(era + 1));
        return era + 1;
    }
}
