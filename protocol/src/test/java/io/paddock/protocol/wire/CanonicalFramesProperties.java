package io.paddock.protocol.wire;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseFailure;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.Diagnostics;
import io.paddock.protocol.evidence.EvidenceDigest;
import io.paddock.protocol.json.JsonString;
import io.paddock.protocol.suite.Sampling;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The canonical fast path of {@link WireCodec#decode} decodes exactly what the general (tree)
 * decoder decodes, and leaves everything else to it: never a frame the general decoder refuses,
 * never a different value.
 */
class CanonicalFramesProperties {
    private static final int MAX = 1 << 20;

    @Property(tries = 300)
    void canonicalFramesTakeTheFastPathAndDecodeAsTheTreeDoes(@ForAll("messages") WireMessage m) {
        String text = WireCodec.encode(m);
        WireMessage fast = CanonicalFrames.decode(text);
        assertThat(fast).as(text).isNotNull();
        assertThat(WireCodec.encode(fast)).isEqualTo(text);
        assertThat(WireCodec.encode(WireCodec.decodeTree(text, MAX))).isEqualTo(text);
        if (m instanceof WireMessage.Result r) {
            assertThat(EvidenceDigest.of(((WireMessage.Result) fast).results())).isEqualTo(r.evidenceDigest());
        }
    }

    @Property(tries = 3000)
    void aMutatedFrameIsDecodedAsTheTreeDecodesItOrLeftToIt(@ForAll("messages") WireMessage m,
                                                            @ForAll("mutations") List<Mutation> mutations) {
        String mutated = WireCodec.encode(m);
        for (Mutation mu : mutations) {
            mutated = mu.apply(mutated);
        }
        String text = mutated;
        WireMessage fast = CanonicalFrames.decode(text);
        WireMessage tree;
        try {
            tree = WireCodec.decodeTree(text, MAX);
        } catch (FormatException e) {
            assertThat(fast).as("refused by the tree, so never taken by the fast path: %s", text).isNull();
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThatThrownBy(() -> WireCodec.decode(text, MAX)).isInstanceOf(FormatException.class)
                    .hasMessage(e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            // a record's own check: the public decoder must report the very same thing
            assertThat(fast).isNull();
            assertThatThrownBy(() -> WireCodec.decode(text, MAX)).isInstanceOf(e.getClass());
            return;
        }
        if (fast != null) {
            assertThat(WireCodec.encode(fast)).as(text).isEqualTo(WireCodec.encode(tree));
        }
        assertThat(WireCodec.encode(WireCodec.decode(text, MAX))).isEqualTo(WireCodec.encode(tree));
    }

    @Test
    void otherLayoutsAreLeftToTheGeneralDecoder() {
        String spaced = "{\"type\": \"pull\", \"free_slots\": 2, \"leases_received\": 7}";
        String reordered = "{\"type\":\"pull\",\"leases_received\":7,\"free_slots\":2}";
        String escapedType = "{\"type\":\"p\\u0075ll\",\"free_slots\":2,\"leases_received\":7}";
        String trailing = "{\"type\":\"pull\",\"free_slots\":2,\"leases_received\":7} ";
        for (String s : List.of(spaced, reordered, escapedType, trailing)) {
            assertThat(CanonicalFrames.decode(s)).as(s).isNull();
            assertThat(WireCodec.decode(s, MAX)).as(s).isEqualTo(new WireMessage.Pull(2, 7));
        }
    }

    @Test
    void hostileValuesInTheCanonicalLayoutAreTheGeneralDecodersTypedErrors() {
        String result = WireCodec.encode(WireCodecTest.everyMessage().get(5));
        List<String> hostile = List.of(
                "{\"type\":\"pull\",\"free_slots\":65537,\"leases_received\":0}",
                "{\"type\":\"pull\",\"free_slots\":01,\"leases_received\":0}",
                "{\"type\":\"pull\",\"free_slots\":1,\"leases_received\":-1}",
                "{\"type\":\"pull\",\"free_slots\":1.0,\"leases_received\":0}",
                "{\"type\":\"pull\",\"free_slots\":1e0,\"leases_received\":0}",
                "{\"type\":\"pull\",\"free_slots\":1,\"leases_received\":99999999999999999999}",
                "{\"type\":\"ack\",\"unit_id\":\"u\",\"epoch\":0,\"outcome\":\"accepted\"}",
                "{\"type\":\"ack\",\"unit_id\":\"u\",\"epoch\":1,\"outcome\":\"maybe\"}",
                "{\"type\":\"ack\",\"unit_id\":\"\\ud800\",\"epoch\":1,\"outcome\":\"stale\"}",
                "{\"type\":\"ack\",\"unit_id\":\"\\udc00x\",\"epoch\":1,\"outcome\":\"stale\"}",
                "{\"type\":\"ack\",\"unit_id\":\"\\u00\u0661\u0661\",\"epoch\":1,\"outcome\":\"stale\"}",
                "{\"type\":\"ack\",\"unit_id\":\"a\u0001b\",\"epoch\":1,\"outcome\":\"stale\"}",
                "{\"type\":\"ack\",\"unit_id\":\"a\\xb\",\"epoch\":1,\"outcome\":\"stale\"}",
                "{\"type\":\"ack\",\"unit_id\":\"" + "u".repeat(WireCodec.MAX_ID_CHARS + 1)
                        + "\",\"epoch\":1,\"outcome\":\"stale\"}",
                "{\"type\":\"heartbeat\",\"running\":[{\"unit_id\":\"u\",\"epoch\":-3}]}",
                result.replaceFirst("\\[256,104,105]", "[256,-1]"),
                result.replaceFirst("\\[256,104,105]", "[256,2147483648]"),
                result.replaceFirst("\"edit_similarity\":0.125", "\"edit_similarity\":1e99"),
                result.replaceFirst("\"edit_similarity\":0.125", "\"edit_similarity\":\"nan\""),
                result.replaceFirst("\"seed\":18446744073709551615", "\"seed\":18446744073709551616"),
                result.replaceFirst("\"code\":\"ContextExceeded\"", "\"code\":\"Boom\""),
                result.replaceFirst("\"valid_utf8\":false", "\"valid_utf8\":0"));
        for (String s : hostile) {
            assertThat(CanonicalFrames.decode(s)).as(s).isNull();
            assertThatThrownBy(() -> WireCodec.decode(s, MAX)).as(s).isInstanceOfSatisfying(FormatException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE));
        }
        assertThat(result).contains("\"seed\":18446744073709551615").contains("\"code\":\"ContextExceeded\"");
    }

    @Test
    void aFrameOverTheLimitIsRefusedBeforeAnyFastPath() {
        String pull = WireCodec.encode(new WireMessage.Pull(1, 0));
        assertThatThrownBy(() -> WireCodec.decode(pull, pull.length() - 1)).isInstanceOf(FormatException.class)
                .hasMessageContaining("longer than");
    }

    // ------------------------------------------------------------------ generators

    /** One edit of a frame's text. */
    record Mutation(int kind, int at, char c, int length) {
        String apply(String s) {
            if (s.isEmpty()) {
                return String.valueOf(c);
            }
            int i = Math.floorMod(at, s.length());
            switch (kind) {
                case 0:
                    return s.substring(0, i) + s.substring(i + 1);
                case 1:
                    return s.substring(0, i) + c + s.substring(i);
                case 2:
                    return s.substring(0, i) + c + s.substring(i + 1);
                default:
                    int end = Math.min(s.length(), i + length);
                    return s.substring(0, end) + s.substring(i, end) + s.substring(end);
            }
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Character> interesting = Arbitraries.of('"', '\\', ',', ':', '{', '}', '[', ']', '-', '0', '1', '9',
                '.', 'e', 'E', '+', ' ', 'u', 'n', 't', 'f', '\u0001', '\ud800', '\udc00', 'x', '\u0661');
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers(),
                interesting, Arbitraries.integers().between(1, 12)).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<WireMessage> messages() {
        Arbitrary<String> ids = strings(20);
        Arbitrary<Long> epochs = Arbitraries.longs().between(1, Long.MAX_VALUE);
        Arbitrary<WireMessage> pull = Combinators.combine(Arbitraries.integers().between(0, 1 << 16),
                Arbitraries.longs().between(0, Long.MAX_VALUE)).as(WireMessage.Pull::new);
        Arbitrary<WireMessage> heartbeat = Combinators.combine(ids, epochs).as(WireMessage.LeaseRef::new)
                .list().ofMaxSize(4).map(WireMessage.Heartbeat::new);
        Arbitrary<WireMessage> ack = Combinators.combine(ids, epochs, Arbitraries.of(WireMessage.ACCEPTED,
                WireMessage.DUPLICATE, WireMessage.STALE, WireMessage.REJECTED)).as(WireMessage.Ack::new);
        Arbitrary<WireMessage> result = Combinators.combine(ids, epochs, caseResults().list().ofMaxSize(3),
                Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.longs().between(0, 1_000_000))
                .as((u, e, rs, wall, tokens) -> new WireMessage.Result(u, e, rs, EvidenceDigest.of(rs),
                        new WireMessage.Timing(wall, wall / 2, tokens)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, pull), net.jqwik.api.Tuple.of(1, heartbeat),
                net.jqwik.api.Tuple.of(1, ack), net.jqwik.api.Tuple.of(4, result));
    }

    /** Strings with quotes, escapes, control characters and a surrogate pair (never an unpaired one). */
    private static Arbitrary<String> strings(int maxLength) {
        return Arbitraries.strings().withChars("abc/-_\"\\\n\t\u0000\u001f\u007f\u2028é").withCharRange('0', '9')
                .withChars("\uD83D\uDC0E").ofMaxLength(maxLength)
                .map(CanonicalFramesProperties::pairSurrogates);
    }

    private static String pairSurrogates(String s) {
        StringBuilder sb = new StringBuilder(s);
        for (int bad = JsonString.firstUnpairedSurrogate(sb); bad >= 0; bad = JsonString.firstUnpairedSurrogate(sb)) {
            sb.setCharAt(bad, 'x');
        }
        return sb.toString();
    }

    private static Arbitrary<CaseResult> caseResults() {
        Arbitrary<String> id = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8);
        Arbitrary<int[]> tokens = Arbitraries.integers().between(0, Integer.MAX_VALUE).array(int[].class).ofMaxSize(6);
        Arbitrary<Float> floats = Arbitraries.integers().map(Float::intBitsToFloat);
        Arbitrary<Sampling> sampling = Combinators.combine(floats, Arbitraries.integers(), floats, Arbitraries.longs())
                .as(Sampling::new);
        Arbitrary<Diagnostics> diagnostics = Combinators.combine(List.of(
                Arbitraries.integers().between(0, Integer.MAX_VALUE).asGeneric(),
                Arbitraries.longs().between(0, Long.MAX_VALUE).asGeneric(),
                Arbitraries.doubles().between(0, 1e9).asGeneric(), Arbitraries.longs().asGeneric(),
                strings(10).asGeneric(), sampling.asGeneric()))
                .as(v -> new Diagnostics((Integer) v.get(0), (Integer) v.get(0) / 2, (Long) v.get(1),
                        (Long) v.get(1) / 3, (Double) v.get(2), 7, (Long) v.get(1) / 5, "q8_0", 1, (Long) v.get(3),
                        (String) v.get(4), (Sampling) v.get(5)));
        Arbitrary<CaseResult> evidence = Combinators.combine(List.of(id.asGeneric(), tokens.asGeneric(),
                tokens.asGeneric(), strings(12).asGeneric(), Arbitraries.of(true, false).asGeneric(),
                floats.asGeneric(), floats.asGeneric(), diagnostics.asGeneric()))
                .as(v -> new CaseEvidence((String) v.get(0), (int[]) v.get(1), (int[]) v.get(2), (String) v.get(3),
                        (Boolean) v.get(4), !(Boolean) v.get(4), (Float) v.get(5), (Float) v.get(6),
                        (Float) v.get(6), ((int[]) v.get(2)).length, (Diagnostics) v.get(7)));
        Arbitrary<CaseResult> failure = Combinators.combine(id, Arbitraries.of(ErrorCode.values()),
                strings(12)).as(CaseFailure::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, evidence), net.jqwik.api.Tuple.of(1, failure));
    }

    @Property(tries = 20)
    void aLongIdListIsReadWhole(@ForAll @IntRange(min = 0, max = 5000) int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i * 7919;
        }
        List<CaseResult> rs = new ArrayList<>();
        rs.add(new CaseEvidence("a", ids, ids, "", true, true, 1f, 0f, 0f, n, new Diagnostics(n, n, 0, 0, 0, 0, 0,
                "f32", 0, 0, "", Sampling.GREEDY)));
        String text = WireCodec.encode(new WireMessage.Result("g/0/0", 1, rs, EvidenceDigest.of(rs),
                new WireMessage.Timing(0, 0, 0)));
        WireMessage.Result fast = (WireMessage.Result) CanonicalFrames.decode(text);
        assertThat(fast).isNotNull();
        assertThat(((CaseEvidence) fast.results().get(0)).promptTokens()).containsExactly(ids);
    }
}
