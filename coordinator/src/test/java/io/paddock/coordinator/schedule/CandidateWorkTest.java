package io.paddock.coordinator.schedule;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.wire.WireMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduling rules, pure: leases, fencing, idempotence, expiry, retries, replication, votes. */
class CandidateWorkTest {
    private static final long LEASE = 1_000;
    private static final SchedulePolicy NO_SPOT_CHECKS = new SchedulePolicy(4, 5, 0);

    private static CandidateWork fresh(int cases) {
        return CandidateWork.start("g1", 0, cases, NO_SPOT_CHECKS);
    }

    private static Report ok(LeaseGrant g, String worker, boolean trusted, String digest) {
        return new Report(g.unit(), g.from(), g.to(), g.epoch(), worker, "jvm", trusted, digest, null, null);
    }

    private static Report failed(LeaseGrant g, String worker, ErrorCode code) {
        return new Report(g.unit(), -1, -1, g.epoch(), worker, "jvm", true, null, code, "cause of " + worker);
    }

    @Test
    void unitsAreCutToTheAskedSizeAndFencedByEpoch() {
        CandidateWork w = fresh(5);
        Step<LeaseGrant> a = w.take("w1", true, 2, 0, LEASE, 1);
        Step<LeaseGrant> b = a.next().take("w2", true, 2, 0, LEASE, 1);
        Step<LeaseGrant> c = b.next().take("w1", true, 2, 0, LEASE, 1);
        assertThat(List.of(a.result().from(), a.result().to(), b.result().from(), b.result().to(), c.result().from(),
                c.result().to())).containsExactly(0, 2, 2, 4, 4, 5);
        assertThat(List.of(a.result().epoch(), b.result().epoch(), c.result().epoch())).containsExactly(1L, 2L, 3L);
        assertThat(c.next().take("w3", true, 2, 0, LEASE, 1).result()).as("nothing left").isNull();
    }

    @Test
    void ingestionIsIdempotentAndStaleEpochsAreIgnored() {
        Step<LeaseGrant> lease = fresh(2).take("w1", true, 2, 0, LEASE, 1);
        Step<Completion> first = lease.next().complete(ok(lease.result(), "w1", true, "d"), 1);
        assertThat(first.result().outcome()).isEqualTo(WireMessage.ACCEPTED);
        assertThat(first.result().unitDone()).isTrue();
        assertThat(first.next().state()).isEqualTo(CandidateState.COMPLETE);
        Step<Completion> again = first.next().complete(ok(lease.result(), "w1", true, "d"), 1);
        assertThat(again.result().outcome()).isEqualTo(WireMessage.DUPLICATE);
        assertThat(again.next()).as("a duplicate changes nothing").isNull();
        Report stale = new Report(0, 0, 2, 99, "w1", "jvm", true, "d", null, null);
        assertThat(first.next().complete(stale, 1).result().outcome()).isEqualTo(WireMessage.STALE);
        Report wrongRange = new Report(0, 0, 1, lease.result().epoch(), "w1", "jvm", true, "d", null, null);
        assertThat(lease.next().complete(wrongRange, 1).result().outcome()).isEqualTo(WireMessage.REJECTED);
    }

    @Test
    void expiredLeasesReturnToThePoolAndTheirLateResultIsStale() {
        Step<LeaseGrant> dead = fresh(3).take("w1", true, 3, 0, LEASE, 1);
        Step<Sweep> early = dead.next().sweep(LEASE - 1, 1);
        assertThat(early.next()).isNull();
        Step<Sweep> swept = dead.next().sweep(LEASE + 1, 1);
        assertThat(swept.result().expired()).containsExactly(new LeaseHolder(0, 1, "w1"));
        Step<LeaseGrant> retry = swept.next().take("w2", true, 3, LEASE + 1, LEASE, 1);
        assertThat(retry.result().unit()).isZero();
        assertThat(retry.result().retry()).isTrue();
        assertThat(retry.result().epoch()).isEqualTo(2);
        assertThat(retry.next().complete(ok(dead.result(), "w1", true, "d"), 1).result().outcome())
                .isEqualTo(WireMessage.STALE);
        assertThat(retry.next().complete(ok(retry.result(), "w2", true, "d"), 1).result().state())
                .isEqualTo(CandidateState.COMPLETE);
    }

    @Test
    void heartbeatsExtendOnlyTheirOwnLeases() {
        Step<LeaseGrant> a = fresh(2).take("w1", true, 1, 0, LEASE, 1);
        Step<LeaseGrant> b = a.next().take("w2", true, 1, 0, LEASE, 1);
        Step<Integer> extended = b.next().extend("w1", new long[] {a.result().epoch(), b.result().epoch()}, 5 * LEASE);
        assertThat(extended.result()).isEqualTo(1);
        Step<Sweep> swept = extended.next().sweep(2 * LEASE, 1);
        assertThat(swept.result().expired()).containsExactly(new LeaseHolder(1, b.result().epoch(), "w2"));
    }

    @Test
    void theSameFailureOnTwoWorkersFailsTheCandidate() {
        Step<LeaseGrant> first = fresh(2).take("w1", true, 2, 0, LEASE, 2);
        Step<Completion> one = first.next().complete(failed(first.result(), "w1", ErrorCode.ADAPTER_MISMATCH), 2);
        assertThat(one.result().state()).isEqualTo(CandidateState.RUNNING);
        assertThat(one.next().take("w1", true, 2, 0, LEASE, 2).result()).as("another worker gets the retry").isNull();
        Step<LeaseGrant> second = one.next().take("w2", true, 2, 0, LEASE, 2);
        Step<Completion> two = second.next().complete(failed(second.result(), "w2", ErrorCode.ADAPTER_MISMATCH), 2);
        assertThat(two.result().state()).isEqualTo(CandidateState.FAILED);
        assertThat(two.next().failure().code()).isEqualTo(ErrorCode.ADAPTER_MISMATCH);
        assertThat(two.next().take("w3", true, 2, 0, LEASE, 2).result()).isNull();
    }

    @Test
    void oneWorkerRepeatingAFailureIsNotTwoWorkers() {
        Step<LeaseGrant> first = fresh(1).take("w1", true, 1, 0, LEASE, 1);
        Step<Completion> one = first.next().complete(failed(first.result(), "w1", ErrorCode.ADAPTER_MISMATCH), 1);
        Step<LeaseGrant> again = one.next().take("w1", true, 1, 0, LEASE, 1);
        assertThat(again.result()).as("alone, the same worker gets the retry").isNotNull();
        Step<Completion> two = again.next().complete(failed(again.result(), "w1", ErrorCode.ADAPTER_MISMATCH), 1);
        assertThat(two.result().state()).as("the attempt bound, not agreement, ends it").isEqualTo(CandidateState.RUNNING);
    }

    @Test
    void differentFailuresStopAtTheAttemptBound() {
        CandidateWork w = fresh(1);
        ErrorCode[] codes = {ErrorCode.INVALID_HEADER, ErrorCode.SHAPE_MISMATCH, ErrorCode.MISSING_TENSOR,
                ErrorCode.CONTEXT_EXCEEDED};
        for (int i = 0; i < codes.length; i++) {
            Step<LeaseGrant> g = w.take("w" + i, true, 1, 0, LEASE, 1);
            Step<Completion> c = g.next().complete(failed(g.result(), "w" + i, codes[i]), 1);
            w = c.next();
        }
        assertThat(w.state()).isEqualTo(CandidateState.FAILED);
        assertThat(w.failure().cause()).contains("gave up after 4 attempts");
    }

    @Test
    void untrustedAnswersNeedASecondIdenticalOne() {
        Step<LeaseGrant> a = fresh(2).take("v1", false, 2, 0, LEASE, 2);
        Step<LeaseGrant> b = a.next().take("v2", false, 2, 0, LEASE, 2);
        assertThat(b.result().unit()).as("a replica of the same unit").isEqualTo(a.result().unit());
        assertThat(b.next().take("v3", false, 2, 0, LEASE, 3).result()).as("two replicas are enough").isNull();
        Step<Completion> one = b.next().complete(ok(a.result(), "v1", false, "d"), 2);
        assertThat(one.result().unitDone()).isFalse();
        Step<Completion> two = one.next().complete(ok(b.result(), "v2", false, "d"), 2);
        assertThat(two.result().unitDone()).isTrue();
        assertThat(two.next().units().get(0).acceptedEpoch()).isEqualTo(a.result().epoch());
    }

    @Test
    void aDisagreementAsksAThirdWorkerAndTheLoserIsNamed() {
        Step<LeaseGrant> a = fresh(2).take("liar", false, 2, 0, LEASE, 3);
        Step<LeaseGrant> b = a.next().take("v1", false, 2, 0, LEASE, 3);
        CandidateWork w = b.next().complete(ok(a.result(), "liar", false, "bad"), 3).next();
        Step<Completion> split = w.complete(ok(b.result(), "v1", false, "good"), 3);
        assertThat(split.result().unitDone()).isFalse();
        assertThat(split.next().take("liar", false, 2, 0, LEASE, 3).result()).isNull();
        Step<LeaseGrant> c = split.next().take("v2", false, 2, 0, LEASE, 3);
        assertThat(c.result().unit()).isZero();
        Step<Completion> decided = c.next().complete(ok(c.result(), "v2", false, "good"), 3);
        assertThat(decided.result().unitDone()).isTrue();
        assertThat(decided.result().losers()).containsExactly("liar");
        assertThat(decided.next().units().get(0).acceptedDigest()).isEqualTo("good");
    }

    @Test
    void spotChecksAskASecondWorkerOnlyWhenOneIsOnline() {
        SchedulePolicy always = new SchedulePolicy(4, 5, 1.0);
        Step<LeaseGrant> a = CandidateWork.start("g", 0, 1, always).take("t1", true, 1, 0, LEASE, 2);
        assertThat(a.next().take("t2", true, 1, 0, LEASE, 2).result()).as("checker").isNotNull();
        Step<Completion> alone = a.next().complete(ok(a.result(), "t1", true, "d"), 1);
        assertThat(alone.result().unitDone()).as("nobody else to check").isTrue();
        Step<Completion> waiting = a.next().complete(ok(a.result(), "t1", true, "d"), 2);
        assertThat(waiting.result().unitDone()).isFalse();
        Step<Sweep> waived = waiting.next().sweep(1, 1);
        assertThat(waived.result().state()).as("the checker left: waived").isEqualTo(CandidateState.COMPLETE);
    }

    @Test
    void expiriesCountTowardTheAttemptBound() {
        CandidateWork w = fresh(1);
        long now = 0;
        for (int i = 0; i < 4; i++) {
            w = w.take("w" + i, true, 1, now, LEASE, 1).next();
            now += 2 * LEASE;
            w = w.sweep(now, 1).next();
        }
        assertThat(w.state()).isEqualTo(CandidateState.FAILED);
        assertThat(w.failure().cause()).contains("4 leases expired");
    }

    @Test
    void cancellingCallsBackEveryLease() {
        Step<LeaseGrant> a = fresh(4).take("w1", true, 2, 0, LEASE, 2);
        Step<LeaseGrant> b = a.next().take("w2", true, 2, 0, LEASE, 2);
        Step<List<LeaseHolder>> cancelled = b.next().cancel();
        assertThat(cancelled.result()).hasSize(2);
        assertThat(cancelled.next().state()).isEqualTo(CandidateState.CANCELLED);
        assertThat(cancelled.next().complete(ok(a.result(), "w1", true, "d"), 2).result().outcome())
                .isEqualTo(WireMessage.STALE);
    }

    @Test
    void undeliveredLeasesReturnWithoutCostingAnAttempt() {
        Step<LeaseGrant> a = fresh(2).take("gone", true, 2, 0, LEASE, 1);
        Step<Integer> released = a.next().release("gone", new long[] {a.result().epoch()});
        assertThat(released.result()).isEqualTo(1);
        WorkUnit u = released.next().units().get(0);
        assertThat(u.leases()).isEmpty();
        assertThat(u.attempts()).isZero();
        assertThat(released.next().take("w2", true, 2, 0, LEASE, 1).result().retry()).isFalse();
    }

    @Test
    void guidedUnitsTakeAnEvenShareOfWhatIsLeft() {
        Step<List<LeaseGrant>> many = fresh(16).takeMany("w1", true, 100, true, 4, 0, LEASE, 2);
        assertThat(many.result()).extracting(g -> g.to() - g.from()).containsExactly(8, 4, 2, 1);
    }

    @Test
    void severalLeasesAtOnceForOneWorker() {
        Step<List<LeaseGrant>> many = fresh(10).takeMany("w1", true, 3, 3, 0, LEASE, 1);
        assertThat(many.result()).extracting(LeaseGrant::from).containsExactly(0, 3, 6);
        assertThat(many.next().counts()).isEqualTo(new UnitCounts(0, 3, 0, 1, 0));
    }
}
