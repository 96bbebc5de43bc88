package io.paddock.runtime.eval;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EditSimilarityTest {

    @Test
    void knownDistances() {
        assertThat(EditSimilarity.levenshtein(cp("kitten"), cp("sitting"))).isEqualTo(3);
        assertThat(EditSimilarity.levenshtein(cp("flaw"), cp("lawn"))).isEqualTo(2);
        assertThat(EditSimilarity.levenshtein(cp(""), cp("abc"))).isEqualTo(3);
        assertThat(EditSimilarity.of("kitten", "sitting")).isEqualTo(1f - 3f / 7f);
    }

    @Test
    void emptyAndIdenticalTextsAreFullySimilar() {
        assertThat(EditSimilarity.of("", "")).isEqualTo(1f);
        assertThat(EditSimilarity.of("same", "same")).isEqualTo(1f);
        assertThat(EditSimilarity.of("", "abc")).isEqualTo(0f);
        assertThat(EditSimilarity.of("abc", "")).isEqualTo(0f);
    }

    @Test
    void countsCodePointsNotChars() {
        // one emoji is two chars but one code point: distance 1 of max length 2
        assertThat(EditSimilarity.of("\uD83D\uDE00a", "a")).isEqualTo(0.5f);
        assertThat(EditSimilarity.of("\uD83D\uDE00", "\uD83D\uDE01")).isEqualTo(0f);
        assertThat(EditSimilarity.of("\uFFFD\uFFFDok", "ok")).isEqualTo(0.5f);
    }

    @Property(tries = 200)
    void symmetricAndBounded(@ForAll @StringLength(max = 12) String a, @ForAll @StringLength(max = 12) String b) {
        float s = EditSimilarity.of(a, b);
        assertThat(s).isBetween(0f, 1f).isEqualTo(EditSimilarity.of(b, a));
        assertThat(EditSimilarity.of(a, a)).isEqualTo(1f);
    }

    @Property(tries = 200)
    void distanceIsAMetric(@ForAll @StringLength(max = 8) String a, @ForAll @StringLength(max = 8) String b,
                           @ForAll @StringLength(max = 8) String c) {
        int ab = EditSimilarity.levenshtein(cp(a), cp(b));
        int bc = EditSimilarity.levenshtein(cp(b), cp(c));
        int ac = EditSimilarity.levenshtein(cp(a), cp(c));
        assertThat(ac).isLessThanOrEqualTo(ab + bc);
        assertThat(ab).isLessThanOrEqualTo(Math.max(cp(a).length, cp(b).length))
                .isGreaterThanOrEqualTo(Math.abs(cp(a).length - cp(b).length));
    }

    private static int[] cp(String s) {
        return s.codePoints().toArray();
    }
}
