package io.paddock.browser;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterKind;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.EvidenceDigest;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.json.JsonString;
import io.paddock.protocol.json.JsonValue;
import io.paddock.protocol.json.JsonWriter;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.wire.WireCodec;
import io.paddock.protocol.wire.WireMessage;
import io.paddock.runtime.eval.Candidate;
import io.paddock.runtime.eval.CandidateEvaluation;
import io.paddock.runtime.eval.Evaluator;
import io.paddock.runtime.kernel.ScalarKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same units evaluated by the JVM runtime and in headless Chromium (the TeaVM wasm-gc runtime,
 * with the SIMD128 kernels and with the scalar ones) give identical evidence digests: f32, q8_0 and
 * q4_0 models, BTOK and BPE tokenizers, each adapter kind, greedy and stochastic sampling. The
 * browser's result message is decoded by the JVM's codec, so the text floats round-trip too.
 */
class ConformanceTest extends PageFixture {
    private static final Sampling STOCHASTIC = new Sampling(0.8f, 40, 0.9f, 0x9E3779B97F4A7C15L);
    private static final Sampling HOT = new Sampling(1.3f, 1024, 1f, 7L);

    /** A unit: a model, its adapters, the sampling. */
    record Scenario(String name, DType dtype, boolean bpe, int shape, List<AdapterKind> adapters, Sampling sampling) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> scenarios() {
        List<Scenario> all = List.of(
                new Scenario("f32 BTOK base greedy", DType.F32, false, 0, List.of(), Sampling.GREEDY),
                new Scenario("f32 BPE low-rank stochastic", DType.F32, true, 1, List.of(AdapterKind.LOW_RANK), STOCHASTIC),
                new Scenario("f32 BTOK dense+sparse hot", DType.F32, false, 1, List.of(AdapterKind.DENSE, AdapterKind.SPARSE), HOT),
                new Scenario("q8_0 BTOK dense stochastic", DType.Q8_0, false, 1, List.of(AdapterKind.DENSE), STOCHASTIC),
                new Scenario("q8_0 BPE sparse greedy", DType.Q8_0, true, 0, List.of(AdapterKind.SPARSE), Sampling.GREEDY),
                new Scenario("q4_0/62 BTOK sparse+low-rank greedy", DType.Q4_0, false, 2,
                        List.of(AdapterKind.SPARSE, AdapterKind.LOW_RANK), Sampling.GREEDY),
                new Scenario("q4_0/32 BPE dense stochastic", DType.Q4_0, true, 3, List.of(AdapterKind.DENSE), STOCHASTIC),
                new Scenario("q4_0/62 BPE base hot", DType.Q4_0, true, 2, List.of(), HOT));
        List<Arguments> out = new ArrayList<>();
        for (Scenario s : all) {
            out.add(Arguments.of(s, true));
            out.add(Arguments.of(s, false));
        }
        return out.stream();
    }

    @Test
    void simdKernelsLoadInChromium() {
        JsonObject simd = page.call("kernels", Map.of("simd", true));
        assertThat(simd.get("kernels")).isEqualTo(new JsonString("simd128"));
        JsonObject scalar = page.call("kernels", Map.of("simd", false));
        assertThat(scalar.get("kernels")).isEqualTo(new JsonString("scalar"));
    }

    @ParameterizedTest(name = "{0}, simd={1}")
    @MethodSource("scenarios")
    void browserEvidenceEqualsJvmEvidence(Scenario s, boolean simd) {
        long seed = s.name().hashCode();
        Fixtures.Package model = Fixtures.model(Fixtures.spec(s.dtype(), s.bpe(), s.shape(), seed));
        server.put(model.bytes());
        List<Fixtures.Package> adapters = new ArrayList<>();
        for (int i = 0; i < s.adapters().size(); i++) {
            Fixtures.Package a = Fixtures.adapter(model, s.adapters().get(i), seed + 17 * (i + 1));
            server.put(a.bytes());
            adapters.add(a);
        }
        List<EvalCase> cases = Fixtures.cases();

        // the JVM worker's evaluation
        SlmModel base = Fixtures.read(model);
        List<Adapter> jvmAdapters = new ArrayList<>();
        for (Fixtures.Package a : adapters) {
            jvmAdapters.add(Fixtures.readAdapter(a));
        }
        CandidateEvaluation jvm = new Evaluator(new ScalarKernels())
                .evaluate(new Candidate(base, jvmAdapters, Digest.parse(model.digest())), cases, s.sampling());
        assertThat(jvm).isInstanceOf(CandidateEvaluation.Completed.class);
        List<CaseResult> expected = ((CandidateEvaluation.Completed) jvm).results();

        // the same unit as a lease, in Chromium
        WireMessage.Result result = runInBrowser(simd, model, adapters, cases, s.sampling());

        assertThat(result.evidenceDigest()).isEqualTo(EvidenceDigest.of(expected));
        assertThat(EvidenceDigest.of(result.results())).as("the result's own text decodes to the same evidence")
                .isEqualTo(result.evidenceDigest());
        assertThat(result.results()).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            assertThat(withoutTimings(result.results().get(i))).as(cases.get(i).id())
                    .isEqualTo(withoutTimings(expected.get(i)));
        }
        assertThat(result.timing().generatedTokens()).isPositive();
    }

    private WireMessage.Result runInBrowser(boolean simd, Fixtures.Package model, List<Fixtures.Package> adapters,
                                            List<EvalCase> cases, Sampling sampling) {
        List<String> adapterDigests = new ArrayList<>();
        List<Object> packages = new ArrayList<>();
        packages.add(Map.of("kind", "model", "digest", model.digest()));
        for (Fixtures.Package a : adapters) {
            adapterDigests.add(a.digest());
            packages.add(Map.of("kind", "adapter", "digest", a.digest()));
        }
        WireMessage.Lease lease = new WireMessage.Lease("unit-7", 3L, "gen-1", "cand-1", model.digest(), adapterDigests,
                sampling, cases);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("simd", simd);
        spec.put("packages", packages);
        spec.put("lease", WireCodec.encode(lease));
        JsonObject reply = page.call("evaluate", spec);
        assertThat(reply.has("error")).as("browser error: %s", reply).isFalse();
        WireMessage m = WireCodec.decode(((JsonString) reply.get("message")).value(), 64 << 20);
        assertThat(m).isInstanceOf(WireMessage.Result.class);
        WireMessage.Result r = (WireMessage.Result) m;
        assertThat(r.unitId()).isEqualTo("unit-7");
        assertThat(r.epoch()).isEqualTo(3L);
        return r;
    }

    /** A case result's JSON without the timing diagnostics (which legitimately differ). */
    static String withoutTimings(CaseResult r) {
        JsonObject o = WireCodec.caseResultToJson(r);
        JsonValue d = o.get("diagnostics");
        if (!(d instanceof JsonObject diag)) {
            return JsonWriter.write(o);
        }
        JsonObject.Builder db = JsonObject.builder();
        for (Map.Entry<String, JsonValue> e : diag.members().entrySet()) {
            if (!e.getKey().endsWith("_nanos") && !e.getKey().equals("tokens_per_second")) {
                db.put(e.getKey(), e.getValue());
            }
        }
        JsonObject.Builder b = JsonObject.builder();
        for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
            b.put(e.getKey(), e.getKey().equals("diagnostics") ? db.build() : e.getValue());
        }
        return JsonWriter.write(b.build());
    }
}
