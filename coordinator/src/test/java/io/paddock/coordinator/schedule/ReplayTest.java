package io.paddock.coordinator.schedule;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.wire.WireMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rebuilding a candidate from its logged answers after a restart, pure: ranges, gaps, trust, epochs. */
class ReplayTest {
    private static final SchedulePolicy NO_SPOT_CHECKS = new SchedulePolicy(4, 5, 0);
    private static final long FLOOR = 1L << 32;

    private static Report ok(int from, int to, long epoch, String worker, boolean trusted, String digest) {
        return new Report(-1, from, to, epoch, worker, "jvm", trusted, digest, null, null);
    }

    private static Replay.Recovered rebuild(int cases, Report... answers) {
        return Replay.rebuild("g1", 0, cases, NO_SPOT_CHECKS, List.of(answers), FLOOR, 2);
    }

    private static List<String> ranges(CandidateWork w) {
        return w.units().stream().map(u -> u.from() + ".." + u.to() + (u.done() ? "+" : "")).toList();
    }

    @Test
    void answersAreMappedBackByRangeWhateverSizeTheirUnitsHad() {
        // units of 3, (2, never answered), 4 and 1 cases were cut before the restart; 10 of 20 cases were cut
        Replay.Recovered r = rebuild(20, ok(5, 9, 3, "w2", true, "b"), ok(0, 3, 1, "w1", true, "a"),
                ok(9, 10, 4, "w1", true, "c"));
        CandidateWork w = r.work();
        assertThat(ranges(w)).containsExactly("0..3+", "3..5", "5..9+", "9..10+");
        assertThat(w.casesDone()).isEqualTo(8);
        assertThat(w.nextCase()).isEqualTo(10);
        assertThat(w.state()).isEqualTo(CandidateState.RUNNING);
        assertThat(r.answers()).extracting(a -> a.completion().outcome()).containsOnly(WireMessage.ACCEPTED);
        assertThat(w.units().get(2).acceptedEpoch()).isEqualTo(3);

        // only the missing cases are leased again, under epochs above every earlier one
        Step<LeaseGrant> gap = w.take("w3", true, 8, 0, 1_000, 1);
        assertThat(List.of(gap.result().from(), gap.result().to())).containsExactly(3, 5);
        assertThat(gap.result().epoch()).isEqualTo(FLOOR);
        Step<LeaseGrant> tail = gap.next().take("w3", true, 8, 0, 1_000, 1);
        assertThat(List.of(tail.result().from(), tail.result().to())).containsExactly(10, 18);
    }

    @Test
    void gapsAreCutNoLargerThanTheLargestLoggedUnit() {
        CandidateWork w = rebuild(20, ok(0, 2, 1, "w1", true, "a"), ok(9, 11, 7, "w1", true, "b")).work();
        assertThat(ranges(w)).containsExactly("0..2+", "2..4", "4..6", "6..8", "8..9", "9..11+");
    }

    @Test
    void untrustedAnswersStillNeedAnIdenticalReplicaAndLosersAreNamed() {
        Replay.Recovered alone = rebuild(4, ok(0, 4, 1, "v1", false, "d"));
        assertThat(alone.work().casesDone()).isZero();

        Replay.Recovered agreed = rebuild(4, ok(0, 4, 1, "v1", false, "d"), ok(0, 4, 2, "v2", false, "d"));
        assertThat(agreed.work().state()).isEqualTo(CandidateState.COMPLETE);

        Replay.Recovered vote = rebuild(4, ok(0, 4, 1, "v1", false, "bad"), ok(0, 4, 2, "v2", false, "d"),
                ok(0, 4, 3, "v3", false, "d"));
        assertThat(vote.work().state()).isEqualTo(CandidateState.COMPLETE);
        assertThat(vote.work().units().get(0).acceptedDigest()).isEqualTo("d");
        assertThat(vote.answers().get(2).completion().losers()).containsExactly("v1");
    }

    @Test
    void aForgedOverlappingRangeDoesNotDisplaceTrustedUnitsAndRepeatsAreDuplicates() {
        Replay.Recovered r = rebuild(8, ok(2, 6, 9, "v1", false, "x"), ok(0, 4, 1, "w1", true, "a"),
                ok(0, 4, 1, "w1", true, "a"));
        assertThat(ranges(r.work())).containsExactly("0..4+");
        assertThat(r.answers()).extracting(a -> a.unit() + ":" + a.completion().outcome())
                .containsExactly("-1:" + WireMessage.REJECTED, "0:" + WireMessage.ACCEPTED, "0:" + WireMessage.DUPLICATE);
        assertThat(r.work().nextEpoch()).isEqualTo(FLOOR);
    }

    @Test
    void theSameFailureFromTwoWorkersFailsTheCandidateAgain() {
        Report f1 = new Report(-1, 0, 4, 1, "w1", "jvm", true, null, ErrorCode.INVALID_ADAPTER, "does not bind");
        Report f2 = new Report(-1, 0, 4, 2, "w2", "jvm", true, null, ErrorCode.INVALID_ADAPTER, "does not bind");
        CandidateWork w = rebuild(8, f1, f2).work();
        assertThat(w.state()).isEqualTo(CandidateState.FAILED);
        assertThat(w.failure().code()).isEqualTo(ErrorCode.INVALID_ADAPTER);
        assertThat(w.leasesOut()).isZero();
    }

    @Test
    void aPlantedEpochIsNotReplayedAndCannotWrapTheNextOne() {
        // a worker planting Long.MAX_VALUE - 1 must neither take the range nor push the next epoch to overflow
        Replay.Recovered r = rebuild(8, ok(0, 4, Long.MAX_VALUE - 1, "v1", true, "x"), ok(0, 4, FLOOR, "v2", true, "y"),
                ok(4, 8, 0, "v3", true, "z"), ok(4, 8, 5, "w1", true, "a"));
        assertThat(ranges(r.work())).containsExactly("0..4", "4..8+");
        assertThat(r.answers()).extracting(a -> a.unit() + ":" + a.completion().outcome()).containsExactly(
                "-1:" + WireMessage.REJECTED, "-1:" + WireMessage.REJECTED, "-1:" + WireMessage.REJECTED,
                "1:" + WireMessage.ACCEPTED);
        assertThat(r.work().nextEpoch()).isEqualTo(FLOOR);
        Step<LeaseGrant> next = r.work().take("w2", true, 8, 0, 1_000, 1);
        assertThat(next.result().epoch()).isEqualTo(FLOOR);
        assertThat(next.next().nextEpoch()).isEqualTo(FLOOR + 1);
    }

    @Test
    void aGrantThatWouldOverflowTheEpochFailsInsteadOfWrapping() {
        CandidateWork last = CandidateWork.start("g1", 0, 4, NO_SPOT_CHECKS).withNextEpoch(Long.MAX_VALUE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> last.take("w1", true, 2, 0, 1_000, 1))
                .isInstanceOf(ArithmeticException.class);
        Step<LeaseGrant> almost = CandidateWork.start("g1", 0, 4, NO_SPOT_CHECKS).withNextEpoch(Long.MAX_VALUE - 1)
                .take("w1", true, 2, 0, 1_000, 1);
        assertThat(almost.result().epoch()).isEqualTo(Long.MAX_VALUE - 1);
    }

    @Test
    void withoutAnswersNothingIsCut() {
        CandidateWork w = rebuild(5).work();
        assertThat(w.units()).isEmpty();
        assertThat(w.nextCase()).isZero();
        assertThat(w.nextEpoch()).isEqualTo(FLOOR);
    }
}
