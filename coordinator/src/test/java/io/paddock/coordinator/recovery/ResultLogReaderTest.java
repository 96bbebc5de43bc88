package io.paddock.coordinator.recovery;

import io.paddock.coordinator.flow.GenerationPlan;
import io.paddock.coordinator.flow.PlannedCandidate;
import io.paddock.coordinator.results.LogLines;
import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.Diagnostics;
import io.paddock.protocol.evidence.EvidenceDigest;
import io.paddock.protocol.generation.Objectives;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.MatchRule;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.wire.WireCodec;
import io.paddock.protocol.wire.WireMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a result log back: torn last line cut, bad lines skipped, results checked as live. */
class ResultLogReaderTest {

    private static GenerationPlan plan() {
        List<EvalCase> cases = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cases.add(new EvalCase("c" + i, "p" + i, "x", 4, MatchRule.EXACT));
        }
        List<PlannedCandidate> candidates = List.of(
                new PlannedCandidate(0, "a", true, "sha256:m", List.of(), 1, 0, 1, null),
                new PlannedCandidate(1, "b", false, "sha256:m", List.of(), 1, 0, 1, null));
        return new GenerationPlan("g1", "t", 0, Sampling.GREEDY, new Objectives(1, 0, 0, 0, 0), 1, 5, cases, candidates);
    }

    private static List<CaseResult> results(int from, int to) {
        List<CaseResult> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(new CaseEvidence("c" + i, new int[] {256, 97}, new int[] {98}, "b", true, false, 0.5f, -1f, -1f,
                    1, new Diagnostics(2, 1, 10, 10, 100.0, 3, 1024, "f32", 0, 42L, "", Sampling.GREEDY)));
        }
        return out;
    }

    private static String result(String unit, long epoch, int from, int to, String digest) {
        List<CaseResult> r = results(from, to);
        String message = WireCodec.encode(new WireMessage.Result(unit, epoch, r,
                digest != null ? digest : EvidenceDigest.of(r), new WireMessage.Timing(1, 1, 1)));
        return LogLines.result("w1", "jvm", true, 1.5, message);
    }

    @Test
    void aTornLastLineIsCutAndBadLinesAreSkipped(@TempDir Path dir) throws Exception {
        String good = result("g1/0/0", 1, 0, 2, null);
        String failure = LogLines.failure(new WireMessage.Failure("g1/0/1", 2, ErrorCode.INVALID_ADAPTER, "nope"),
                "w2", "jvm", false, 2, 4);
        String badDigest = result("g1/0/2", 3, 4, 6, "sha256:" + "0".repeat(64));
        String otherGeneration = result("g2/0/0", 1, 0, 2, null);
        String second = result("g1/1/0", 1, 0, 3, null);
        Path log = dir.resolve("results.jsonl");
        Files.writeString(log, String.join("\n", good, "{not json", failure, badDigest, otherGeneration, second) + "\n"
                + second.substring(0, second.length() / 2), StandardCharsets.UTF_8);
        long intact = Files.size(log) - second.substring(0, second.length() / 2).getBytes(StandardCharsets.UTF_8).length;

        List<ResultLogReader.Answer> answers = read(log);

        assertThat(answers).extracting(a -> a.candidate() + ":" + a.from() + ".." + a.to() + ":" + a.isResult())
                .containsExactly("0:0..2:true", "0:2..4:false", "1:0..3:true");
        assertThat(answers.get(0).calibration()).isEqualTo(1.5);
        assertThat(answers.get(1).failureCode()).isEqualTo(ErrorCode.INVALID_ADAPTER);
        assertThat(answers.get(1).trusted()).isFalse();
        assertThat(Files.size(log)).as("the torn tail is cut").isEqualTo(intact);

        // later appends start on a fresh line and read back
        Files.writeString(log, result("g1/0/3", 9, 4, 6, null) + "\n", StandardOpenOption.APPEND);
        assertThat(read(log)).hasSize(4);
    }

    private static final long ERA_1 = 1L << 32;
    private static final int MAX_LINE = 64 * 1024;

    private static List<ResultLogReader.Answer> read(Path log) throws java.io.IOException {
        return ResultLogReader.read(log, plan(), ERA_1, MAX_LINE);
    }

    @Test
    void invalidUtf8AndOverLongLinesAreSkippedAndEveryOtherLineRecovered(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("results.jsonl");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes((result("g1/0/0", 1, 0, 2, null) + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] bad = (result("g1/0/1", 2, 2, 4, null) + "\n").getBytes(StandardCharsets.UTF_8);
        bad[12] = (byte) 0xC3; // a lead byte followed by ASCII: not UTF-8
        bytes.writeBytes(bad);
        bytes.writeBytes((result("g1/1/0", 1, 0, 3, null) + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(("{\"worker\":\"" + "x".repeat(3 * MAX_LINE) + "\"}\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes((result("g1/0/2", 3, 4, 6, null) + "\n").getBytes(StandardCharsets.UTF_8));
        String zeroCalibration = result("g1/1/1", 2, 3, 6, null).replace("\"calibration\":1.5", "\"calibration\":0");
        assertThat(zeroCalibration).contains("\"calibration\":0,");
        bytes.writeBytes((zeroCalibration + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(log, bytes.toByteArray());

        List<ResultLogReader.Answer> answers = read(log);

        assertThat(answers).extracting(a -> a.candidate() + ":" + a.from() + ".." + a.to())
                .containsExactly("0:0..2", "1:0..3", "0:4..6");
        assertThat(answers.get(2).message()).contains("\"unit_id\":\"g1/0/2\"");
    }

    @Test
    void epochsNoEarlierRunGrantedAreDropped(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("results.jsonl");
        String planted = result("g1/0/0", Long.MAX_VALUE - 1, 0, 2, null);
        String atLimit = result("g1/0/1", ERA_1, 2, 4, null);
        String failure = LogLines.failure(new WireMessage.Failure("g1/0/2", Long.MAX_VALUE, ErrorCode.INVALID_ADAPTER,
                "x"), "w2", "jvm", true, 4, 6);
        String fine = result("g1/1/0", ERA_1 - 1, 0, 3, null);
        Files.writeString(log, String.join("\n", planted, atLimit, failure, fine) + "\n", StandardCharsets.UTF_8);

        assertThat(read(log)).extracting(ResultLogReader.Answer::epoch).containsExactly(ERA_1 - 1);
    }

    @Test
    void aMissingOrEmptyLogHasNoAnswers(@TempDir Path dir) throws Exception {
        assertThat(read(dir.resolve("none.jsonl"))).isEmpty();
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        assertThat(read(empty)).isEmpty();
        Path torn = Files.writeString(dir.resolve("torn.jsonl"), "{\"worker\":", StandardCharsets.UTF_8);
        assertThat(read(torn)).isEmpty();
        assertThat(Files.size(torn)).isZero();
    }
}
