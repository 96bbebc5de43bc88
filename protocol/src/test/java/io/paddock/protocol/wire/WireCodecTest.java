package io.paddock.protocol.wire;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseFailure;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.Diagnostics;
import io.paddock.protocol.evidence.EvidenceDigest;
import io.paddock.protocol.json.JsonArray;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.json.JsonParser;
import io.paddock.protocol.json.JsonWriter;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.SuiteWriter;
import io.paddock.protocol.suite.MatchRule;
import io.paddock.protocol.suite.Sampling;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every wire message round-trips through its JSON text; hostile text is a typed error. */
class WireCodecTest {
    private static final int MAX = 1 << 20;

    static final Sampling SAMPLING = new Sampling(0.7f, 40, 0.9f, -1L);

    static CaseEvidence evidence(String id, float loglik) {
        return new CaseEvidence(id, new int[] {256, 104, 105}, new int[] {33, 259}, "!\uFFFD é 🐎", false, true,
                0.125f, loglik, loglik / 3, 3, new Diagnostics(3, 2, 1234, 5678, 352.25, 5, 65536, "q4_0", 2,
                0x8000000000000001L, "ContextExceeded", SAMPLING));
    }

    static List<WireMessage> everyMessage() {
        List<CaseResult> results = List.of(evidence("a", -3.5f), evidence("b", Float.NEGATIVE_INFINITY),
                evidence("c", Float.NaN), new CaseFailure("d", ErrorCode.CONTEXT_EXCEEDED, "prompt of 900 tokens"));
        return List.of(
                new WireMessage.Hello(WireMessage.VERSION, "w-1", WireMessage.KIND_JVM, "t0ken", 4, 2, true,
                        new WireMessage.Calibration("ref-v1", 4321.5), List.of("sha256:" + "a".repeat(64))),
                new WireMessage.Hello(WireMessage.VERSION, "v", WireMessage.KIND_BROWSER, "", 1, 1, false,
                        new WireMessage.Calibration("ref-v1", 1e-3), List.of()),
                new WireMessage.Pull(3, 17),
                new WireMessage.Heartbeat(List.of(new WireMessage.LeaseRef("g/0/1", 4), new WireMessage.LeaseRef("g/1/0", 9))),
                new WireMessage.Heartbeat(List.of()),
                new WireMessage.Result("g/0/1", 4, results, EvidenceDigest.of(results), new WireMessage.Timing(10, 9, 8)),
                new WireMessage.Failure("g/0/2", 5, ErrorCode.ADAPTER_MISMATCH, "flags: adapter 0x1 != model 0x0"),
                new WireMessage.Drain(),
                new WireMessage.Welcome(WireMessage.VERSION, "w-1", WireMessage.TRUSTED, 5000),
                new WireMessage.Lease("g/0/1", 4, "g", "cand", "sha256:" + "b".repeat(64),
                        List.of("sha256:" + "c".repeat(64)), SAMPLING,
                        List.of(new EvalCase("x", "prompt \"quoted\"\n", "exp", 12, MatchRule.CONTAINS))),
                new WireMessage.Ack("g/0/1", 4, WireMessage.STALE),
                new WireMessage.Cancel("g/0/1", 4, "lease expired"));
    }

    @Test
    void everyMessageRoundTrips() {
        for (WireMessage m : everyMessage()) {
            String text = WireCodec.encode(m);
            assertThat(JsonWriter.write(JsonParser.parse(text, MAX, "t"))).as("canonical compact JSON").isEqualTo(text);
            WireMessage back = WireCodec.decode(text, MAX);
            assertThat(back.type()).isEqualTo(m.type());
            assertThat(WireCodec.encode(back)).as(m.type()).isEqualTo(text);
            if (m instanceof WireMessage.Result r) {
                WireMessage.Result rb = (WireMessage.Result) back;
                assertThat(EvidenceDigest.of(rb.results())).isEqualTo(r.evidenceDigest());
                CaseEvidence e = (CaseEvidence) rb.results().get(1);
                assertThat(e.logLikelihoodSum()).isEqualTo(Float.NEGATIVE_INFINITY);
                assertThat(Float.isNaN(((CaseEvidence) rb.results().get(2)).logLikelihoodSum())).isTrue();
                assertThat(e.diagnostics().assemblyChecksum()).isEqualTo(0x8000000000000001L);
                assertThat(e.outputText()).isEqualTo("!\uFFFD é 🐎");
            } else if (m instanceof WireMessage.Lease l) {
                JsonObject first = (JsonObject) ((JsonArray) WireCodec.toJson(l).get("cases")).get(0);
                assertThat(first).isEqualTo(SuiteWriter.toJson(l.cases().get(0)));
            } else if (!(m instanceof WireMessage.Lease) && !(m instanceof WireMessage.Heartbeat)
                    && !(m instanceof WireMessage.Hello)) {
                assertThat(back).isEqualTo(m);
            }
        }
        assertThat(everyMessage()).extracting(WireMessage::type).containsAll(List.of("hello", "pull", "heartbeat",
                "result", "failure", "drain", "welcome", "lease", "ack", "cancel"));
    }

    @Property(tries = 200)
    void floatsKeepTheirBits(@ForAll("floats") float f) {
        List<CaseResult> results = List.of(evidence("a", f));
        WireMessage.Result r = new WireMessage.Result("g/0/0", 1, results, EvidenceDigest.of(results),
                new WireMessage.Timing(0, 0, 0));
        WireMessage.Result back = (WireMessage.Result) WireCodec.decode(WireCodec.encode(r), MAX);
        assertThat(Float.floatToIntBits(((CaseEvidence) back.results().get(0)).logLikelihoodSum()))
                .isEqualTo(Float.floatToIntBits(f));
        assertThat(EvidenceDigest.of(back.results())).isEqualTo(r.evidenceDigest());
    }

    @Provide
    Arbitrary<Float> floats() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.of(0)).as((bits, x) -> Float.intBitsToFloat(bits));
    }

    @Test
    void hostileTextIsATypedErrorNamingTheField() {
        assertRejected("{\"type\":\"hello\"}", "missing field 'protocol'");
        assertRejected("{\"type\":\"teleport\"}", "field 'type' must name a message");
        assertRejected("[1,2]", "must be an object");
        assertRejected("{\"type\":\"pull\",\"free_slots\":1,\"leases_received\":0,\"extra\":1}", "unknown field 'extra'");
        assertRejected("{\"type\":\"pull\",\"free_slots\":-1,\"leases_received\":0}", "free_slots");
        assertRejected("{\"type\":\"ack\",\"unit_id\":\"u\",\"epoch\":0,\"outcome\":\"accepted\"}", "epoch");
        assertRejected("{\"type\":\"ack\",\"unit_id\":\"u\",\"epoch\":1,\"outcome\":\"maybe\"}", "outcome");
        assertRejected("{\"type\":\"failure\",\"unit_id\":\"u\",\"epoch\":1,\"code\":\"Boom\",\"cause\":\"\"}",
                "published error name");
        String lease = WireCodec.encode(everyMessage().get(9)).replace("\"max_new_tokens\":12", "\"max_new_tokens\":0");
        assertRejected(lease, "max_new_tokens");
        String result = WireCodec.encode(everyMessage().get(5)).replaceFirst("\\[256,104,105]", "[256,-1]");
        assertRejected(result, "prompt_tokens[1]");
        assertRejected("{\"type\":\"pull\"," + "\"x\":\"" + "y".repeat(100) + "\"}", 64, "longer than 64");
    }

    private static void assertRejected(String text, String fragment) {
        assertRejected(text, MAX, fragment);
    }

    private static void assertRejected(String text, int limit, String fragment) {
        assertThatThrownBy(() -> WireCodec.decode(text, limit)).isInstanceOfSatisfying(FormatException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
                    assertThat(e.getMessage()).contains(fragment);
                });
    }
}
