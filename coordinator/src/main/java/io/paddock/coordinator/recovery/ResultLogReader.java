package io.paddock.coordinator.recovery;

import io.paddock.coordinator.dispatch.ResultCheck;
import io.paddock.coordinator.flow.GenerationPlan;
import io.paddock.coordinator.results.LogLines;
import io.paddock.coordinator.schedule.UnitId;
import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.wire.WireCodec;
import io.paddock.protocol.wire.WireMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
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
 * start on a fresh line. The file is read as bytes, line by line: a line longer than the cap is
 * skipped unread (reading resumes after its newline), each line is decoded on its own, and a line
 * that is not UTF-8, does not parse, carries an epoch no earlier run granted, or whose result
 * fails the live checks ({@link ResultCheck}) is skipped with a warning. Never fails on the log's
 * content. Each answer is kept compact: what the replay needs and its message re-encoded, not the
 * parsed evidence. Blocking.
 */
public final class ResultLogReader {
    private static final Logger LOG = LoggerFactory.getLogger(ResultLogReader.class);
    /** Room for the line's own fields around the worker's message. */
    public static final int LINE_OVERHEAD = 64 * 1024;

    /**
     * A checked answer.
     *
     * @param candidate       its candidate
     * @param from            its first case (for a failure: the lease's, or -1 when unknown)
     * @param to              one past its last case
     * @param epoch           the lease's epoch
     * @param workerId        who answered
     * @param workerKind      jvm or browser
     * @param trusted         the worker's trust
     * @param calibration     the worker's calibration factor (results)
     * @param digest          the evidence digest, or null for a failure
     * @param failureCode     a failure's code, or null
     * @param failureCause    a failure's cause, or null
     * @param wallNanos       unit wall time (results)
     * @param generatedTokens tokens generated (results)
     * @param message         the result message as wire text, or null for a failure
     */
    public record Answer(int candidate, int from, int to, long epoch, String workerId, String workerKind,
                         boolean trusted, double calibration, String digest, ErrorCode failureCode,
                         String failureCause, long wallNanos, long generatedTokens, String message) {
        public boolean isResult() {
            return message != null;
        }
    }

    private ResultLogReader() {
    }

    /**
     * The checked answers of {@code file} in log order (none when the file does not exist).
     *
     * @param epochLimit   answers with an epoch at or above it are dropped (no earlier run granted one)
     * @param maxLineBytes longer lines are skipped
     */
    public static List<Answer> read(Path file, GenerationPlan plan, long epochLimit, int maxLineBytes)
            throws IOException {
        List<Answer> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        cutTornTail(file);
        Map<String, Integer> caseIndex = new HashMap<>();
        for (int i = 0; i < plan.cases().size(); i++) {
            caseIndex.put(plan.cases().get(i).id(), i);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(file)) {
            BoundedLines lines = new BoundedLines(in, maxLineBytes);
            long number = 0;
            while (lines.next()) {
                number++;
                if (lines.tooLong()) {
                    LOG.warn("{} line {}: skipped, longer than {} bytes", file, number, maxLineBytes);
                    continue;
                }
                String line;
                try {
                    line = utf8.reset().decode(ByteBuffer.wrap(lines.bytes(), 0, lines.length())).toString();
                } catch (CharacterCodingException e) {
                    LOG.warn("{} line {}: skipped, it is not UTF-8 text", file, number);
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Answer a = check(LogLines.parse(line), plan, caseIndex, epochLimit);
                    if (a != null) {
                        out.add(a);
                    } else {
                        LOG.warn("{} line {}: skipped (not an answer of generation {} granted before)", file, number,
                                plan.id());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("{} line {}: skipped, it does not parse: {}", file, number, e.getMessage());
                }
            }
        }
        return out;
    }

    private static Answer check(LogLines.Logged logged, GenerationPlan plan, Map<String, Integer> caseIndex,
                                long epochLimit) {
        UnitId id = UnitId.parse(logged.unitId());
        if (!id.generationId().equals(plan.id()) || id.candidate() >= plan.candidates().size() || logged.epoch() < 1
                || logged.epoch() >= epochLimit) {
            return null;
        }
        if (!logged.isResult()) {
            return new Answer(id.candidate(), logged.from(), logged.to(), logged.epoch(), logged.workerId(),
                    logged.workerKind(), logged.trusted(), logged.calibration(), null, logged.failureCode(),
                    logged.failureCause(), 0, 0, null);
        }
        WireMessage.Result m = logged.result();
        List<CaseResult> results = m.results();
        Integer from = results.isEmpty() ? null : caseIndex.get(results.get(0).caseId());
        int start = from == null ? -1 : from;
        String problem = ResultCheck.problem(plan, results, start, m.evidenceDigest());
        if (problem != null) {
            LOG.warn("logged result of {} epoch {} skipped: {}", logged.unitId(), logged.epoch(), problem);
            return null;
        }
        return new Answer(id.candidate(), start, start + results.size(), logged.epoch(), logged.workerId(),
                logged.workerKind(), logged.trusted(), logged.calibration(), m.evidenceDigest(), null, null,
                m.timing().wallNanos(), m.timing().generatedTokens(), WireCodec.encode(m));
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
