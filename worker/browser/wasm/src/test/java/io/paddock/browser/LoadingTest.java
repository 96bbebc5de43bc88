package io.paddock.browser;

import io.paddock.protocol.adapter.AdapterKind;
import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.evidence.EvidenceDigest;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.io.ByteSource;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.json.JsonString;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.RandomModelSpec;
import io.paddock.protocol.slm.SlmReader;
import io.paddock.protocol.slm.TokenizerSpec;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.MatchRule;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.wire.WireCodec;
import io.paddock.protocol.wire.WireMessage;
import io.paddock.runtime.eval.Candidate;
import io.paddock.runtime.eval.CandidateEvaluation;
import io.paddock.runtime.eval.Evaluator;
import io.paddock.runtime.kernel.ScalarKernels;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Packages in Chromium: typed errors come back with the JVM's codes (digest mismatch, corrupt
 * package, adapter bound to another model), and a model with more than 64 MB of weights loads
 * into linear memory and evaluates bit-identically to the JVM.
 */
class LoadingTest extends PageFixture {

    @Test
    void packageNotHashingToItsDigestIsModelNotLoaded() {
        Fixtures.Package model = Fixtures.model(Fixtures.spec(DType.F32, false, 0, 1));
        byte[] altered = model.bytes().clone();
        altered[altered.length - 1] ^= 1;
        server.putAs(model.digest(), altered);
        JsonObject reply = page.call("load", spec(true, "model", model.digest()));
        assertThat(code(reply)).isEqualTo(ErrorCode.MODEL_NOT_LOADED.publishedName());
    }

    @Test
    void corruptPackageGivesTheReadersTypedError() {
        Fixtures.Package model = Fixtures.model(Fixtures.spec(DType.Q8_0, true, 0, 2));
        byte[] corrupt = model.bytes().clone();
        corrupt[200] ^= 0x40;
        String digest = server.put(corrupt);
        ErrorCode jvm = jvmReadError(corrupt);
        for (boolean simd : new boolean[] {true, false}) {
            JsonObject reply = page.call("load", spec(simd, "model", digest));
            assertThat(code(reply)).isEqualTo(jvm.publishedName());
        }
    }

    @Test
    void adapterOfAnotherModelIsTheSameCandidateFailure() {
        Fixtures.Package model = Fixtures.model(Fixtures.spec(DType.F32, false, 0, 3));
        Fixtures.Package other = Fixtures.model(Fixtures.spec(DType.F32, false, 0, 4));
        Fixtures.Package adapter = Fixtures.adapter(other, AdapterKind.SPARSE, 5);
        server.put(model.bytes());
        server.put(adapter.bytes());
        CandidateEvaluation jvm = new Evaluator(new ScalarKernels()).evaluate(
                new Candidate(Fixtures.read(model), List.of(Fixtures.readAdapter(adapter)), Digest.parse(model.digest())),
                Fixtures.cases(), Sampling.GREEDY);
        assertThat(jvm).isInstanceOf(CandidateEvaluation.Failed.class);
        WireMessage.Lease lease = new WireMessage.Lease("u", 1, "g", "c", model.digest(), List.of(adapter.digest()),
                Sampling.GREEDY, Fixtures.cases());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("simd", true);
        spec.put("packages", List.of(Map.of("kind", "model", "digest", model.digest()),
                Map.of("kind", "adapter", "digest", adapter.digest())));
        spec.put("lease", WireCodec.encode(lease));
        JsonObject reply = page.call("evaluate", spec);
        assertThat(code(reply)).isEqualTo(((CandidateEvaluation.Failed) jvm).code().publishedName());
    }

    @Test
    void modelWithMoreThan64MegabytesOfWeightsLoadsAndMatchesTheJvm() {
        // 8 layers, hidden 512, ffn 1376, vocab 4096, untied: 27.5 M parameters = 110 MB of f32 weights
        RandomModelSpec spec = RandomModelSpec.of(8, 512, 8, 8, 1376, 128, TokenizerSpec.bpe(4096), DType.F32, false, 42);
        Fixtures.Package model = Fixtures.model(spec);
        assertThat(model.bytes().length).isGreaterThan(100 << 20);
        server.put(model.bytes());
        List<EvalCase> cases = List.of(new EvalCase("big", "Once upon a time", " there", 6, MatchRule.PREFIX));
        CandidateEvaluation jvm = new Evaluator(new ScalarKernels())
                .evaluate(new Candidate(Fixtures.read(model), List.of(), Digest.parse(model.digest())), cases, Sampling.GREEDY);
        String expected = ((CandidateEvaluation.Completed) jvm).evidenceDigest();
        WireMessage.Lease lease = new WireMessage.Lease("big", 1, "g", "c", model.digest(), List.of(), Sampling.GREEDY, cases);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("simd", true);
        s.put("packages", List.of(Map.of("kind", "model", "digest", model.digest())));
        s.put("lease", WireCodec.encode(lease));
        JsonObject reply = page.call("evaluate", s);
        assertThat(reply.has("error")).as("%s", reply).isFalse();
        WireMessage.Result r = (WireMessage.Result) WireCodec.decode(((JsonString) reply.get("message")).value(), 1 << 24);
        assertThat(r.evidenceDigest()).isEqualTo(expected).isEqualTo(EvidenceDigest.of(r.results()));
    }

    @Test
    void theSimdPathKeepsEveryTensorInLinearMemoryOnly() {
        for (DType dtype : DType.values()) {
            Fixtures.Package model = Fixtures.model(Fixtures.spec(dtype, false, 2, 6));
            server.put(model.bytes());
            long weights = 0;
            for (io.paddock.protocol.slm.Tensor t : Fixtures.read(model).tensors()) {
                weights += io.paddock.runtime.model.TensorFootprint.of(t).totalBytes();
            }
            for (boolean simd : new boolean[] {true, false}) {
                JsonObject reply = page.call("load", spec(simd, "model", model.digest()));
                assertThat(reply.has("error")).as("%s", reply).isFalse();
                JsonObject loaded = (JsonObject) reply.get("loaded");
                long heap = ((io.paddock.protocol.json.JsonNumber) loaded.get("heap_weight_bytes")).toLong();
                // SIMD: tensors read in place (no Java arrays); scalar: decoded onto the heap, as on the JVM
                assertThat(heap).as("%s simd=%s", dtype, simd).isEqualTo(simd ? 0 : weights);
            }
        }
    }

    private static ErrorCode jvmReadError(byte[] bytes) {
        assertThatThrownBy(() -> SlmReader.read(ByteSource.of(bytes))).isInstanceOf(FormatException.class);
        try {
            SlmReader.read(ByteSource.of(bytes));
            throw new AssertionError("unreachable");
        } catch (FormatException e) {
            return e.code();
        }
    }

    private static Map<String, Object> spec(boolean simd, String kind, String digest) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("simd", simd);
        m.put("kind", kind);
        m.put("digest", digest);
        return m;
    }

    private static String code(JsonObject reply) {
        assertThat(reply.has("error")).as("expected a typed error, got %s", reply).isTrue();
        return ((JsonString) ((JsonObject) reply.get("error")).get("code")).value();
    }
}
