package io.paddock.protocol.evidence;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.suite.Sampling;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceDigestTest {

    static Diagnostics diagnostics() {
        return new Diagnostics(3, 2, 1_000L, 2_000L, 1000.0, 5, 4096L, "f32", 1,
                0x1122334455667788L, "", new Sampling(0.5f, 40, 0.9f, 42L));
    }

    static CaseEvidence evidence() {
        return new CaseEvidence("c1", new int[] {256, 104, 105}, new int[] {33, 10}, "!\n",
                true, false, 0.5f, -3.25f, -1.625f, 2, diagnostics());
    }

    static CaseFailure failure() {
        return new CaseFailure("c2", ErrorCode.CONTEXT_EXCEEDED, "generation: prompt too long");
    }

    static CaseEvidence withDiagnostics(CaseEvidence e, Diagnostics d) {
        return new CaseEvidence(e.caseId(), e.promptTokens(), e.outputTokens(), e.outputText(), e.validUtf8(),
                e.matched(), e.editSimilarity(), e.logLikelihoodSum(), e.logLikelihoodMean(), e.expectedTokens(), d);
    }

    @Test
    void digestIsPinnedAcrossRunsAndPlatforms() {
        // Golden value computed by an independent Python implementation of docs/formats.md.
        String digest = EvidenceDigest.of(List.of(evidence(), failure()));
        assertThat(digest).isEqualTo(EvidenceDigest.of(List.of(evidence(), failure())));
        assertThat(digest).matches("sha256:[0-9a-f]{64}");
        assertThat(digest).isEqualTo(GOLDEN);
    }

    static final String GOLDEN = "sha256:3ac2b8d4586e2fba8256b9fa68427f10f833f18ec2cc38b60b075f7910ac9654";

    @Test
    void emptyListHasTheDigestOfTheBareHeader() {
        assertThat(EvidenceEncoding.encode(List.of()))
                .containsExactly('P', 'E', 'V', 'D', 1, 0, 0, 0, 0, 0, 0, 0);
        // SHA-256 of those 12 bytes (computed independently with Python hashlib)
        assertThat(EvidenceDigest.of(List.of())).isEqualTo(EMPTY_GOLDEN);
    }

    static final String EMPTY_GOLDEN = "sha256:182b51723bb26b6e3f6817a6b937f7b3b39c4cd9df90ffea36e09729a232e78f";

    @Test
    void failureRecordIsEncodedByteByByte() {
        byte[] bytes = EvidenceEncoding.encodeCase(failure());
        assertThat(bytes).containsExactly(
                2,                      // tag: failure
                2, 0, 0, 0, 'c', '2',   // caseId
                11, 0, 0, 0);           // ContextExceeded
    }

    @Test
    void evidenceRecordIsEncodedByteByByte() {
        byte[] bytes = EvidenceEncoding.encodeCase(evidence());
        List<Integer> expected = new ArrayList<>();
        add(expected, 1);
        addU32(expected, 2);
        add(expected, 'c', '1');
        addU32(expected, 3);
        addU32(expected, 256);
        addU32(expected, 104);
        addU32(expected, 105);
        addU32(expected, 2);
        addU32(expected, 33);
        addU32(expected, 10);
        addU32(expected, 2);
        add(expected, '!', '\n');
        add(expected, 1, 0);
        addU32(expected, Float.floatToIntBits(0.5f));
        addU32(expected, Float.floatToIntBits(-3.25f));
        addU32(expected, Float.floatToIntBits(-1.625f));
        addU32(expected, 2);
        addU32(expected, 3);   // diagnostics.promptTokens
        addU32(expected, 2);   // generatedTokens
        addU32(expected, 5);   // kvLength
        addU64(expected, 4096L);
        addU32(expected, 3);
        add(expected, 'f', '3', '2');
        addU32(expected, 1);   // adapterCount
        addU64(expected, 0x1122334455667788L);
        addU32(expected, Float.floatToIntBits(0.5f));
        addU32(expected, 40);
        addU32(expected, Float.floatToIntBits(0.9f));
        addU64(expected, 42L);
        byte[] want = new byte[expected.size()];
        for (int i = 0; i < want.length; i++) {
            want[i] = (byte) (int) expected.get(i);
        }
        assertThat(bytes).containsExactly(want);
    }

    private static void add(List<Integer> out, int... bytes) {
        for (int b : bytes) {
            out.add(b);
        }
    }

    private static void addU32(List<Integer> out, int v) {
        add(out, v & 0xFF, (v >>> 8) & 0xFF, (v >>> 16) & 0xFF, (v >>> 24) & 0xFF);
    }

    private static void addU64(List<Integer> out, long v) {
        addU32(out, (int) v);
        addU32(out, (int) (v >>> 32));
    }

    @Test
    void everyDeterministicFieldChangesTheDigest() {
        CaseEvidence e = evidence();
        Diagnostics d = e.diagnostics();
        Sampling s = d.sampling();
        List<UnaryOperator<CaseEvidence>> changes = List.of(
                x -> new CaseEvidence("c9", x.promptTokens(), x.outputTokens(), x.outputText(), x.validUtf8(),
                        x.matched(), x.editSimilarity(), x.logLikelihoodSum(), x.logLikelihoodMean(),
                        x.expectedTokens(), x.diagnostics()),
                x -> new CaseEvidence(x.caseId(), new int[] {256, 104, 106}, x.outputTokens(), x.outputText(),
                        x.validUtf8(), x.matched(), x.editSimilarity(), x.logLikelihoodSum(),
                        x.logLikelihoodMean(), x.expectedTokens(), x.diagnostics()),
                x -> new CaseEvidence(x.caseId(), x.promptTokens(), new int[] {33}, x.outputText(),
                        x.validUtf8(), x.matched(), x.editSimilarity(), x.logLikelihoodSum(),
                        x.logLikelihoodMean(), x.expectedTokens(), x.diagnostics()),
                x -> new CaseEvidence(x.caseId(), x.promptTokens(), x.outputTokens(), "!\r",
                        x.validUtf8(), x.matched(), x.editSimilarity(), x.logLikelihoodSum(),
                        x.logLikelihoodMean(), x.expectedTokens(), x.diagnostics()),
                x -> new CaseEvidence(x.caseId(), x.promptTokens(), x.outputTokens(), x.outputText(),
                        false, x.matched(), x.editSimilarity(), x.logLikelihoodSum(),
                        x.logLikelihoodMean(), x.expectedTokens(), x.diagnostics()),
                x -> new CaseEvidence(x.caseId(), x.promptTokens(), x.outputTokens(), x.outputText(),
                        x.validUtf8(), true, x.editSimilarity(), x.logLikelihoodSum(),
                        x.logLikelihoodMean(), x.expectedTokens(), x.diagnostics()),
                x -> new CaseEvidence(x.caseId(), x.promptTokens(), x.outputTokens(), x.outputText(),
                        x.validUtf8(), x.matched(), Math.nextUp(x.editSimilarity()), x.logLikelihoodSum(),
                        x.logLikelihoodMean(), x.expectedTokens(), x.diagnostics()),
                x -> new CaseEvidence(x.caseId(), x.promptTokens(), x.outputTokens(), x.outputText(),
                        x.validUtf8(), x.matched(), x.editSimilarity(), Math.nextUp(x.logLikelihoodSum()),
                        x.logLikelihoodMean(), x.expectedTokens(), x.diagnostics()),
                x -> new CaseEvidence(x.caseId(), x.promptTokens(), x.outputTokens(), x.outputText(),
                        x.validUtf8(), x.matched(), x.editSimilarity(), x.logLikelihoodSum(),
                        Math.nextDown(x.logLikelihoodMean()), x.expectedTokens(), x.diagnostics()),
                x -> new CaseEvidence(x.caseId(), x.promptTokens(), x.outputTokens(), x.outputText(),
                        x.validUtf8(), x.matched(), x.editSimilarity(), x.logLikelihoodSum(),
                        x.logLikelihoodMean(), 3, x.diagnostics()),
                x -> withDiagnostics(x, new Diagnostics(4, d.generatedTokens(), 0, 0, 0, d.kvLength(),
                        d.peakScratchBytes(), d.quantization(), d.adapterCount(), d.assemblyChecksum(), "", s)),
                x -> withDiagnostics(x, new Diagnostics(d.promptTokens(), 3, 0, 0, 0, d.kvLength(),
                        d.peakScratchBytes(), d.quantization(), d.adapterCount(), d.assemblyChecksum(), "", s)),
                x -> withDiagnostics(x, new Diagnostics(d.promptTokens(), d.generatedTokens(), 0, 0, 0, 6,
                        d.peakScratchBytes(), d.quantization(), d.adapterCount(), d.assemblyChecksum(), "", s)),
                x -> withDiagnostics(x, new Diagnostics(d.promptTokens(), d.generatedTokens(), 0, 0, 0,
                        d.kvLength(), 4097L, d.quantization(), d.adapterCount(), d.assemblyChecksum(), "", s)),
                x -> withDiagnostics(x, new Diagnostics(d.promptTokens(), d.generatedTokens(), 0, 0, 0,
                        d.kvLength(), d.peakScratchBytes(), "q8_0", d.adapterCount(), d.assemblyChecksum(), "", s)),
                x -> withDiagnostics(x, new Diagnostics(d.promptTokens(), d.generatedTokens(), 0, 0, 0,
                        d.kvLength(), d.peakScratchBytes(), d.quantization(), 2, d.assemblyChecksum(), "", s)),
                x -> withDiagnostics(x, new Diagnostics(d.promptTokens(), d.generatedTokens(), 0, 0, 0,
                        d.kvLength(), d.peakScratchBytes(), d.quantization(), d.adapterCount(), 1L, "", s)),
                x -> withDiagnostics(x, new Diagnostics(d.promptTokens(), d.generatedTokens(), 0, 0, 0,
                        d.kvLength(), d.peakScratchBytes(), d.quantization(), d.adapterCount(), d.assemblyChecksum(),
                        "", new Sampling(0.25f, s.topK(), s.topP(), s.seed()))),
                x -> withDiagnostics(x, new Diagnostics(d.promptTokens(), d.generatedTokens(), 0, 0, 0,
                        d.kvLength(), d.peakScratchBytes(), d.quantization(), d.adapterCount(), d.assemblyChecksum(),
                        "", new Sampling(s.temperature(), 41, s.topP(), s.seed()))),
                x -> withDiagnostics(x, new Diagnostics(d.promptTokens(), d.generatedTokens(), 0, 0, 0,
                        d.kvLength(), d.peakScratchBytes(), d.quantization(), d.adapterCount(), d.assemblyChecksum(),
                        "", new Sampling(s.temperature(), s.topK(), 1f, s.seed()))),
                x -> withDiagnostics(x, new Diagnostics(d.promptTokens(), d.generatedTokens(), 0, 0, 0,
                        d.kvLength(), d.peakScratchBytes(), d.quantization(), d.adapterCount(), d.assemblyChecksum(),
                        "", new Sampling(s.temperature(), s.topK(), s.topP(), 43L))));
        Set<String> digests = new HashSet<>();
        digests.add(EvidenceDigest.ofCase(e));
        for (UnaryOperator<CaseEvidence> change : changes) {
            digests.add(EvidenceDigest.ofCase(change.apply(e)));
        }
        assertThat(digests).hasSize(changes.size() + 1);
    }

    @Test
    void timingsAndLastErrorDoNotChangeTheDigest() {
        CaseEvidence e = evidence();
        Diagnostics d = e.diagnostics();
        Diagnostics other = new Diagnostics(d.promptTokens(), d.generatedTokens(), 987_654_321L, 123L, 3.5,
                d.kvLength(), d.peakScratchBytes(), d.quantization(), d.adapterCount(), d.assemblyChecksum(),
                "GenerationFailed", d.sampling());
        assertThat(EvidenceDigest.ofCase(withDiagnostics(e, other))).isEqualTo(EvidenceDigest.ofCase(e));
    }

    @Test
    void failureDigestCoversIdAndCodeButNotTheCauseText() {
        CaseFailure f = failure();
        String digest = EvidenceDigest.ofCase(f);
        assertThat(EvidenceDigest.ofCase(new CaseFailure("c2", ErrorCode.CONTEXT_EXCEEDED, "other words")))
                .isEqualTo(digest);
        assertThat(EvidenceDigest.ofCase(new CaseFailure("c3", ErrorCode.CONTEXT_EXCEEDED, f.cause())))
                .isNotEqualTo(digest);
        assertThat(EvidenceDigest.ofCase(new CaseFailure("c2", ErrorCode.INVALID_UTF8, f.cause())))
                .isNotEqualTo(digest);
    }

    @Test
    void orderAndKindOfRecordsMatter() {
        assertThat(EvidenceDigest.of(List.of(evidence(), failure())))
                .isNotEqualTo(EvidenceDigest.of(List.of(failure(), evidence())))
                .isNotEqualTo(EvidenceDigest.of(List.of(evidence())));
        assertThat(EvidenceDigest.ofCase(evidence())).isEqualTo(EvidenceDigest.of(List.of(evidence())));
    }

    @Test
    void everyNanHasOneEncoding() {
        CaseEvidence e = evidence();
        float quiet = Float.intBitsToFloat(0x7FC00000);
        float payload = Float.intBitsToFloat(0xFFC00123);
        CaseEvidence a = new CaseEvidence(e.caseId(), e.promptTokens(), e.outputTokens(), e.outputText(),
                e.validUtf8(), e.matched(), e.editSimilarity(), quiet, quiet, e.expectedTokens(), e.diagnostics());
        CaseEvidence b = new CaseEvidence(e.caseId(), e.promptTokens(), e.outputTokens(), e.outputText(),
                e.validUtf8(), e.matched(), e.editSimilarity(), payload, payload, e.expectedTokens(), e.diagnostics());
        assertThat(EvidenceDigest.ofCase(a)).isEqualTo(EvidenceDigest.ofCase(b));
    }

    @Test
    void stringsAreUtf8WithLoneSurrogatesAsReplacementCharacter() {
        assertThat(EvidenceEncoding.utf8("a\u00e9\u20ac\uD83D\uDE00"))
                .containsExactly(0x61, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80);
        assertThat(EvidenceEncoding.utf8("x\uD800y\uDC00"))
                .containsExactly('x', 0xEF, 0xBF, 0xBD, 'y', 0xEF, 0xBF, 0xBD);
        assertThat(EvidenceEncoding.utf8("\uFFFD")).containsExactly(0xEF, 0xBF, 0xBD);
    }

    @Test
    void missingFieldsAreTypedErrors() {
        CaseEvidence e = evidence();
        CaseEvidence noDiagnostics = withDiagnostics(e, null);
        assertThatThrownBy(() -> EvidenceDigest.ofCase(noDiagnostics))
                .isInstanceOf(FormatException.class)
                .satisfies(t -> assertThat(((FormatException) t).code()).isEqualTo(ErrorCode.NULL_POINTER))
                .hasMessageContaining("diagnostics");
        assertThatThrownBy(() -> EvidenceDigest.ofCase(null)).isInstanceOf(FormatException.class);
    }
}
