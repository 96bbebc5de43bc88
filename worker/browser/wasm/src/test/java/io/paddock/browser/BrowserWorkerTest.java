package io.paddock.browser;

import io.paddock.protocol.adapter.AdapterKind;
import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.EvidenceDigest;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.json.JsonArray;
import io.paddock.protocol.json.JsonLimits;
import io.paddock.protocol.json.JsonNumber;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.json.JsonParser;
import io.paddock.protocol.json.JsonSource;
import io.paddock.protocol.json.JsonString;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.suite.Sampling;
import io.paddock.protocol.wire.WireCodec;
import io.paddock.protocol.wire.WireMessage;
import io.paddock.runtime.eval.Candidate;
import io.paddock.runtime.eval.CandidateEvaluation;
import io.paddock.runtime.eval.Evaluator;
import io.paddock.runtime.kernel.ScalarKernels;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser worker's logic on the JVM (scalar kernels, plain direct buffers): the protocol
 * messages it writes are the codec's, a lease runs case by case to the JVM evaluator's evidence,
 * cancels and typed errors behave.
 */
class BrowserWorkerTest {
    private static final LinearAllocator HEAP = bytes ->
            new LinearBlock(ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN), 0);

    private final BrowserWorker worker = BrowserWorker.scalar(HEAP);

    @Test
    void helloAnnouncesAnAnonymousBrowserWithItsCalibration() {
        WireMessage m = message(worker.hello("tab-1", "[\"sha256:" + "ab".repeat(32) + "\"]"));
        assertThat(m).isInstanceOf(WireMessage.Hello.class);
        WireMessage.Hello h = (WireMessage.Hello) m;
        assertThat(h.kind()).isEqualTo(WireMessage.KIND_BROWSER);
        assertThat(h.token()).isEmpty();
        assertThat(h.workerId()).isEqualTo("tab-1");
        assertThat(h.slots()).isEqualTo(1);
        assertThat(h.simd()).isFalse();
        assertThat(h.calibration().workload()).isEqualTo("ref-v1");
        assertThat(h.calibration().tokensPerSecond()).isPositive();
        assertThat(h.cachedPackages()).containsExactly("sha256:" + "ab".repeat(32));
    }

    @Test
    void leaseRunsCaseByCaseToTheJvmEvidence() {
        Fixtures.Package model = Fixtures.model(Fixtures.spec(DType.Q4_0, false, 2, 11));
        Fixtures.Package adapter = Fixtures.adapter(model, AdapterKind.LOW_RANK, 12);
        Sampling sampling = new Sampling(0.7f, 20, 0.95f, 99L);
        load("model", model);
        load("adapter", adapter);
        WireMessage.Lease lease = new WireMessage.Lease("u-1", 5L, "g", "c", model.digest(), List.of(adapter.digest()),
                sampling, Fixtures.cases());
        JsonObject summary = ok(worker.receive(WireCodec.encode(lease)));
        assertThat(summary.get("type")).isEqualTo(new JsonString("lease"));
        assertThat(summary.get("epoch")).isEqualTo(new JsonString("5"));
        JsonObject started = (JsonObject) ok(worker.next()).get("lease");
        assertThat(started.get("adapters")).isEqualTo(new JsonArray(List.of(new JsonString(adapter.digest()))));
        ok(worker.assemble());
        for (int i = 1; i <= lease.cases().size(); i++) {
            JsonObject progress = ok(worker.evaluateNext());
            assertThat(progress.get("done")).isEqualTo(JsonNumber.of(i));
        }
        WireMessage.Result result = (WireMessage.Result) message(worker.finish());

        CandidateEvaluation jvm = new Evaluator(new ScalarKernels()).evaluate(new Candidate(Fixtures.read(model),
                List.of(Fixtures.readAdapter(adapter)), Digest.parse(model.digest())), Fixtures.cases(), sampling);
        List<CaseResult> expected = ((CandidateEvaluation.Completed) jvm).results();
        assertThat(result.evidenceDigest()).isEqualTo(EvidenceDigest.of(expected));
        assertThat(result.unitId()).isEqualTo("u-1");
        assertThat(result.epoch()).isEqualTo(5L);
        assertThat(ok(worker.next()).has("lease")).isFalse();
    }

    @Test
    void aKeptCandidateIsForgottenWhenItsBasePackageLeavesTheShelf() {
        // its untouched tensors read that package's block: keeping it would pin the block, and
        // placing it again would copy the whole model
        Fixtures.Package model = Fixtures.model(Fixtures.spec(DType.Q8_0, false, 0, 15));
        load("model", model);
        WireMessage.Lease lease = new WireMessage.Lease("k", 3, "g", "c", model.digest(), List.of(), Sampling.GREEDY,
                Fixtures.cases());
        ok(worker.receive(WireCodec.encode(lease)));
        ok(worker.next());
        ok(worker.assemble());
        assertThat(worker.holdsAssemblyForTests()).isTrue();
        ok(worker.abandon());
        ok(worker.release("sha256:" + "cd".repeat(32)));           // another package: kept
        assertThat(worker.holdsAssemblyForTests()).isTrue();
        ok(worker.release(model.digest()));
        assertThat(worker.holdsAssemblyForTests()).isFalse();
    }

    @Test
    void cancelOfTheRunningUnitIsReportedAndAQueuedOneIsDropped() {
        Fixtures.Package model = Fixtures.model(Fixtures.spec(DType.F32, false, 0, 13));
        load("model", model);
        WireMessage.Lease a = new WireMessage.Lease("a", 1, "g", "c", model.digest(), List.of(), Sampling.GREEDY,
                Fixtures.cases());
        WireMessage.Lease b = new WireMessage.Lease("b", 2, "g", "c", model.digest(), List.of(), Sampling.GREEDY,
                Fixtures.cases());
        ok(worker.receive(WireCodec.encode(a)));
        ok(worker.receive(WireCodec.encode(b)));
        ok(worker.next());
        WireMessage.Heartbeat hb = (WireMessage.Heartbeat) message(worker.heartbeat());
        assertThat(hb.running()).extracting(WireMessage.LeaseRef::unitId).containsExactly("a", "b");
        JsonObject queued = ok(worker.receive(WireCodec.encode(new WireMessage.Cancel("b", 2, "done elsewhere"))));
        assertThat(queued.get("was_queued")).isEqualTo(io.paddock.protocol.json.JsonBool.TRUE);
        JsonObject running = ok(worker.receive(WireCodec.encode(new WireMessage.Cancel("a", 1, "generation cancelled"))));
        assertThat(running.get("was_running")).isEqualTo(io.paddock.protocol.json.JsonBool.TRUE);
        ok(worker.abandon());
        assertThat(ok(worker.next()).has("lease")).isFalse();
        WireMessage.Pull pull = (WireMessage.Pull) message(worker.pull(1));
        assertThat(pull.leasesReceived()).isEqualTo(2);
    }

    @Test
    void typedErrorsKeepTheirCodes() {
        Fixtures.Package model = Fixtures.model(Fixtures.spec(DType.F32, false, 0, 14));
        JsonObject slot = ok(worker.allocate(model.bytes().length));
        int handle = ((JsonNumber) slot.get("handle")).toInt();
        assertThat(errorCode(worker.loadModel(handle, "sha256:" + "00".repeat(32))))
                .isEqualTo(ErrorCode.MODEL_NOT_LOADED.publishedName());
        assertThat(errorCode(worker.allocate(0))).isEqualTo(ErrorCode.INVALID_LENGTH.publishedName());
        assertThat(errorCode(worker.receive("{\"type\":\"lease\"}"))).isEqualTo(ErrorCode.INVALID_MESSAGE.publishedName());
        assertThat(errorCode(worker.assemble())).isEqualTo(Replies.INTERNAL);
        WireMessage.Lease lease = new WireMessage.Lease("x", 9, "g", "c", model.digest(), List.of(), Sampling.GREEDY,
                Fixtures.cases());
        ok(worker.receive(WireCodec.encode(lease)));
        ok(worker.next());
        assertThat(errorCode(worker.assemble())).isEqualTo(ErrorCode.MODEL_NOT_LOADED.publishedName());
        WireMessage.Failure f = (WireMessage.Failure) message(worker.fail("ModelNotLoaded", "package unavailable"));
        assertThat(f.code()).isEqualTo(ErrorCode.MODEL_NOT_LOADED);
        assertThat(f.unitId()).isEqualTo("x");
        assertThat(f.epoch()).isEqualTo(9L);
    }

    private void load(String kind, Fixtures.Package p) {
        JsonObject slot = ok(worker.allocate(p.bytes().length));
        int handle = ((JsonNumber) slot.get("handle")).toInt();
        ByteBuffer block = blockOf(handle);
        block.put(0, p.bytes());
        ok(kind.equals("model") ? worker.loadModel(handle, p.digest()) : worker.loadAdapter(handle, p.digest()));
    }

    private ByteBuffer blockOf(int handle) {
        return worker.shelfForTests().block(handle).buffer();
    }

    private static JsonObject parse(String reply) {
        return (JsonObject) JsonParser.parse(reply, JsonLimits.ofInput(1 << 26), JsonSource.of("reply", ErrorCode.INVALID_MESSAGE));
    }

    private static JsonObject ok(String reply) {
        JsonObject o = parse(reply);
        assertThat(o.has("ok")).as("%s", reply).isTrue();
        return (JsonObject) o.get("ok");
    }

    private static String errorCode(String reply) {
        JsonObject o = parse(reply);
        assertThat(o.has("error")).as("%s", reply).isTrue();
        return ((JsonString) ((JsonObject) o.get("error")).get("code")).value();
    }

    private static WireMessage message(String reply) {
        JsonObject ok = ok(reply);
        return WireCodec.decode(((JsonString) ok.get("message")).value(), 1 << 26);
    }
}
