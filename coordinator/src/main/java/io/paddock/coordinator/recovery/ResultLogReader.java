package io.paddock.coordinator.recovery;

import io.paddock.coordinator.dispatch.ResultCheck;
import io.paddock.coordinator.flow.GenerationPlan;
import io.paddock.coordinator.results.LogLines;
import io.paddock.coordinator.schedule.UnitId;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.evidence.CaseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a generation's result log back after a restart. A last line without its newline (torn
 * by a crash: it was never acknowledged) is cut off the file with a warning, so later appends
 * start on a fresh line; any other line that does not parse, or whose result fails the live
 * checks ({@link ResultCheck}), is skipped with a warning. Never fails on the log's content.
 * Blocking.
 */
public final class ResultLogReader {
    private static final Logger LOG = LoggerFactory.getLogger(ResultLogReader.class);

    /** A checked answer: its candidate, its case range and the line as parsed. */
    public record Answer(int candidate, int from, int to, LogLines.Logged logged) {
    }

    private ResultLogReader() {
    }

    /** The checked answers of {@code file} in log order (none when the file does not exist). */
    public static List<Answer> read(Path file, GenerationPlan plan) throws IOException {
        List<Answer> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        cutTornTail(file);
        Map<String, Integer> caseIndex = new HashMap<>();
        for (int i = 0; i < plan.cases().size(); i++) {
            caseIndex.put(plan.cases().get(i).id(), i);
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Answer a = check(LogLines.parse(line), plan, caseIndex);
                    if (a != null) {
                        out.add(a);
                    } else {
                        LOG.warn("{} line {}: skipped (not an answer of generation {})", file, number, plan.id());
                    }
                } catch (FormatException | IllegalArgumentException e) {
                    LOG.warn("{} line {}: skipped, it does not parse: {}", file, number, e.getMessage());
                }
            }
        }
        return out;
    }

    private static Answer check(LogLines.Logged logged, GenerationPlan plan, Map<String, Integer> caseIndex) {
        UnitId id = UnitId.parse(logged.unitId());
        if (!id.generationId().equals(plan.id()) || id.candidate() >= plan.candidates().size() || logged.epoch() < 1) {
            return null;
        }
        if (!logged.isResult()) {
            return new Answer(id.candidate(), logged.from(), logged.to(), logged);
        }
        List<CaseResult> results = logged.result().results();
        Integer from = results.isEmpty() ? null : caseIndex.get(results.get(0).caseId());
        int start = from == null ? -1 : from;
        String problem = ResultCheck.problem(plan, results, start, logged.result().evidenceDigest());
        if (problem != null) {
            LOG.warn("logged result of {} epoch {} skipped: {}", logged.unitId(), logged.epoch(), problem);
            return null;
        }
        return new Answer(id.candidate(), start, start + results.size(), logged);
    }

    /** Cuts the file back to its last newline when a crash left a partial last line. */
    static void cutTornTail(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = c.size();
            long keep = afterLastNewline(c, size);
            if (keep == size) {
                return;
            }
            LOG.warn("{}: the last line is torn ({} bytes without a newline, never acknowledged); it is ignored and cut",
                    file, size - keep);
            c.truncate(keep);
            c.force(true);
        }
    }

    /** The position just after the last newline before {@code size} (0 when there is none). */
    private static long afterLastNewline(FileChannel c, long size) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - block.capacity());
            block.clear().limit((int) (end - start));
            while (block.hasRemaining() && c.read(block, start + block.position()) >= 0) {
                // fill the block
            }
            for (int i = block.position() - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }
}
