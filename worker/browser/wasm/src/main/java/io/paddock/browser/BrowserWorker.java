package io.paddock.browser;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.evidence.EvidenceDigest;
import io.paddock.protocol.json.JsonArray;
import io.paddock.protocol.json.JsonLimits;
import io.paddock.protocol.json.JsonNumber;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.json.JsonParser;
import io.paddock.protocol.json.JsonSource;
import io.paddock.protocol.json.JsonString;
import io.paddock.protocol.json.JsonValue;
import io.paddock.protocol.wire.WireCodec;
import io.paddock.protocol.wire.WireMessage;
import io.paddock.runtime.eval.Assembler;
import io.paddock.runtime.eval.Candidate;
import io.paddock.runtime.eval.Evaluator;
import io.paddock.runtime.eval.ReferenceWorkload;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.kernel.ScalarKernels;
import io.paddock.runtime.model.Model;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the tab's script can ask of the runtime, behind the narrow boundary of
 * {@link BrowserMain}: receive packages into linear memory, load models and adapters, take
 * leases (which carry the sampling settings and the cases), assemble the candidate, evaluate
 * its cases one call at a time, and read the evidence, its digest and the diagnostics. Every
 * method returns the JSON text of {@link Replies}: typed errors come back with the same codes as
 * on the JVM. Single-threaded, like the Web Worker it lives in.
 */
public final class BrowserWorker {
    private final Kernels kernels;
    private final LinearKernels linearKernels;
    private final PackageShelf shelf;
    private final Evaluator evaluator;
    private final WorkerWire wire = new WorkerWire();
    private UnitRun unit;
    private String assembledKey;
    private String assembledBase;
    private Model assembled;
    private WireMessage.Calibration calibration;

    /** @param kernels the SIMD kernels (a {@link LinearKernels}) or the scalar reference */
    public BrowserWorker(LinearAllocator linear, Kernels kernels) {
        this.kernels = kernels;
        this.linearKernels = kernels instanceof LinearKernels ? (LinearKernels) kernels : null;
        this.shelf = new PackageShelf(linear, linearKernels, 2, 64);
        this.evaluator = new Evaluator(kernels);
    }

    /** A worker with the scalar kernels. */
    public static BrowserWorker scalar(LinearAllocator linear) {
        return new BrowserWorker(linear, new ScalarKernels());
    }

    public String kernelsName() {
        return kernels.name();
    }

    // ------------------------------------------------------------------ packages

    /** {@code {"handle": h, "address": a}}: JS writes the package's {@code size} bytes at {@code a}. */
    public String allocate(double size) {
        return guard(() -> {
            int handle = shelf.allocate((long) size);
            return Replies.ok(JsonObject.builder().put("handle", handle)
                    .put("address", shelf.block(handle).address()).build());
        });
    }

    /** Verifies (digest) and reads a base model from its download block. */
    public String loadModel(int handle, String digest) {
        return guard(() -> {
            LoadedModel m = shelf.loadModel(handle, digest);
            forgetAssemblyWithoutBase();                 // loading may have evicted its base
            return Replies.ok(JsonObject.builder()
                    .put("digest", digest)
                    .put("bytes", m.size())
                    .put("parameters", m.model().parameterCount())
                    .put("layers", m.model().header().layerCount())
                    .put("vocab", m.model().header().vocabSize())
                    .put("heap_weight_bytes", m.heapWeightBytes())
                    .build());
        });
    }

    /** Verifies (digest) and reads an adapter from its download block. */
    public String loadAdapter(int handle, String digest) {
        return guard(() -> {
            Adapter a = shelf.loadAdapter(handle, digest);
            return Replies.ok(JsonObject.builder().put("digest", digest).put("kind", a.kind().toString()).build());
        });
    }

    /** Drops a pending download. */
    public String discard(int handle) {
        shelf.discard(handle);
        return Replies.ok();
    }

    /** Forgets a package (its memory is freed once nothing references it). */
    public String release(String digest) {
        shelf.release(digest);
        forgetAssemblyWithoutBase();
        return Replies.ok();
    }

    /** {@code {"held": [digests]}}. */
    public String held() {
        return Replies.ok(JsonObject.builder().put("held", strings(shelf.held())).build());
    }

    // ------------------------------------------------------------------ protocol

    /** Runs the calibration workload; {@code {"workload": "ref-v1", "tokens_per_second": x}}. */
    public String calibrate() {
        return guard(() -> {
            calibration = calibrate(kernels, linearKernels);
            placeAssembly();
            return Replies.ok(JsonObject.builder().put("workload", calibration.workload())
                    .put("tokens_per_second", JsonNumber.of(calibration.tokensPerSecond())).build());
        });
    }

    /** The shared calibration workload, with its weights placed in linear memory for the SIMD kernels first. */
    private static WireMessage.Calibration calibrate(Kernels kernels, LinearKernels linear) {
        Model model = Model.of(ReferenceWorkload.model());
        if (linear != null) {
            linear.prepare(model);
        }
        return ReferenceWorkload.measure(kernels, model);
    }

    /** The hello message; {@code cachedJson} is a JSON array of package digests in the tab's storage. */
    public String hello(String workerId, String cachedJson) {
        return guard(() -> {
            if (calibration == null) {
                calibration = calibrate(kernels, linearKernels);
            }
            List<String> cached = new ArrayList<>();
            JsonValue v = JsonParser.parse(cachedJson, new JsonLimits(1 << 20, 4, 1 << 20),
                    JsonSource.of("cached packages", ErrorCode.INVALID_MESSAGE));
            if (!(v instanceof JsonArray a) || a.size() > WireCodec.MAX_PACKAGES) {
                throw new FormatException(ErrorCode.INVALID_MESSAGE, "cached packages must be an array of at most "
                        + WireCodec.MAX_PACKAGES + " digests", v.describe());
            }
            for (JsonValue d : a.items()) {
                if (!(d instanceof JsonString s)) {
                    throw new FormatException(ErrorCode.INVALID_MESSAGE, "a cached package must be a digest string", d.describe());
                }
                cached.add(s.value());
            }
            wire.reconnected();
            return Replies.ok(message(wire.hello(workerId, linearKernels != null, calibration, cached)));
        });
    }

    public String pull(int freeSlots) {
        return guard(() -> Replies.ok(message(wire.pull(freeSlots))));
    }

    public String heartbeat() {
        return guard(() -> Replies.ok(message(wire.heartbeat(unit == null ? null : unit.lease()))));
    }

    public String drain() {
        return guard(() -> Replies.ok(message(wire.drain())));
    }

    /** Decodes a frame from the coordinator: a summary; a lease is queued, a cancel names whether it hit the running unit. */
    public String receive(String frame) {
        return guard(() -> {
            JsonObject s = wire.receive(frame);
            if ("cancel".equals(((JsonString) s.get("type")).value()) && unit != null) {
                boolean running = unit.lease().unitId().equals(((JsonString) s.get("unit_id")).value())
                        && Long.toString(unit.lease().epoch()).equals(((JsonString) s.get("epoch")).value());
                return Replies.ok(with(s, "was_running", running));
            }
            return Replies.ok(s);
        });
    }

    /** Starts the next queued lease: {@code {"lease": {...}}} or {@code {}} when none waits. */
    public String next() {
        return guard(() -> {
            if (unit != null) {
                throw new IllegalStateException("a unit is running: finish, fail or abandon it first");
            }
            WireMessage.Lease l = wire.poll();
            if (l == null) {
                return Replies.ok();
            }
            unit = new UnitRun(l);
            return Replies.ok(JsonObject.builder().put("lease", WorkerWire.describe(l)).build());
        });
    }

    /** Assembles the running unit's candidate from loaded packages (memoized for the next unit of it). */
    public String assemble() {
        return guard(() -> {
            UnitRun u = running();
            WireMessage.Lease l = u.lease();
            String key = l.modelDigest() + "+" + String.join("+", l.adapterDigests());
            if (!key.equals(assembledKey)) {
                LoadedModel base = shelf.model(l.modelDigest());
                List<Adapter> adapters = new ArrayList<>(l.adapterDigests().size());
                for (String a : l.adapterDigests()) {
                    adapters.add(shelf.adapter(a));
                }
                assembled = null;
                assembledKey = null;
                assembledBase = null;
                Model m = Assembler.assemble(new Candidate(base.model(), adapters, base.digest()));
                if (linearKernels != null) {
                    linearKernels.prepare(m);
                }
                assembled = m;
                assembledKey = key;
                assembledBase = l.modelDigest();
            }
            u.assembled(assembled);
            return Replies.ok(JsonObject.builder().put("quantization", assembled.quantization())
                    .put("adapters", assembled.adapterCount()).build());
        });
    }

    /** Runs the running unit's next case: progress, with the case's diagnostics. */
    public String evaluateNext() {
        return guard(() -> {
            UnitRun u = running();
            CaseResult r = u.runNext(evaluator);
            JsonObject.Builder b = JsonObject.builder()
                    .put("done", u.done())
                    .put("total", u.lease().cases().size())
                    .put("tokens", u.tokens())
                    .put("eval_millis", JsonNumber.of(u.evalNanos() / 1e6))
                    .put("case", WireCodec.caseResultToJson(r));
            return Replies.ok(b.build());
        });
    }

    /** The result message of the finished running unit (the unit ends). */
    public String finish() {
        return guard(() -> {
            WireMessage.Result r = running().result();
            unit = null;
            return Replies.ok(JsonObject.builder().put("message", WireCodec.encode(r))
                    .put("evidence_digest", r.evidenceDigest()).build());
        });
    }

    /** The failure message of the running unit with a typed cause (the unit ends). */
    public String fail(String code, String cause) {
        return guard(() -> {
            UnitRun u = running();
            ErrorCode c = codeNamed(code);
            unit = null;
            return Replies.ok(message(wire.failure(u.lease(), c, cause)));
        });
    }

    /** Drops the running unit without a message (cancelled, or the tab cannot run it: the lease expires). */
    public String abandon() {
        unit = null;
        return Replies.ok();
    }

    /** Places the memoized candidate again after other work used the kernels (if its base is still held). */
    private void placeAssembly() {
        forgetAssemblyWithoutBase();
        if (assembled != null && linearKernels != null) {
            linearKernels.prepare(assembled);
        }
    }

    /**
     * Drops the memoized candidate once its base package has left the shelf: its untouched tensors
     * still read that package's bytes, and placing them again would copy the whole model.
     */
    private void forgetAssemblyWithoutBase() {
        if (assembled != null && !shelf.holds(assembledBase)) {
            assembled = null;
            assembledKey = null;
            assembledBase = null;
        }
    }

    // ------------------------------------------------------------------ bench

    /** Decode speed on a loaded base model ({@link DecodeSpeed}): median, min and max tokens/s. */
    public String bench(String modelDigest, int newTokens, int warmupRuns, int runs) {
        return guard(() -> {
            Model m = Model.of(shelf.model(modelDigest).model());
            if (linearKernels != null) {
                linearKernels.prepare(m);
            }
            DecodeSpeed.Figure f = DecodeSpeed.measure(kernels, m, newTokens, warmupRuns, runs);
            placeAssembly();
            return Replies.ok(JsonObject.builder()
                    .put("kernels", kernels.name())
                    .put("median", JsonNumber.of(f.median()))
                    .put("min", JsonNumber.of(f.min()))
                    .put("max", JsonNumber.of(f.max()))
                    .put("generated", f.generated())
                    .build());
        });
    }

    // ------------------------------------------------------------------ evidence

    /** The evidence of the running unit's cases so far, as in a result message. */
    public String evidence() {
        return guard(() -> Replies.ok(JsonObject.builder()
                .put("results", WireCodec.caseResultsToJson(running().results()))
                .put("evidence_digest", EvidenceDigest.of(running().results())).build()));
    }

    /** The diagnostics of the last case run (timing, tokens/s, assembly checksum…). */
    public String diagnostics() {
        return guard(() -> {
            CaseResult last = unit == null ? null : unit.last();
            if (!(last instanceof CaseEvidence e)) {
                return Replies.ok();
            }
            return Replies.ok((JsonObject) WireCodec.caseResultToJson(e).get("diagnostics"));
        });
    }

    /** True while a candidate assembled for an earlier unit is kept for the next unit of it (tests). */
    boolean holdsAssemblyForTests() {
        return assembled != null;
    }

    /** The package shelf (tests write downloads into its blocks as the page's script does). */
    PackageShelf shelfForTests() {
        return shelf;
    }

    private UnitRun running() {
        if (unit == null) {
            throw new IllegalStateException("no unit is running");
        }
        return unit;
    }

    private static ErrorCode codeNamed(String published) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.publishedName().equals(published)) {
                return c;
            }
        }
        throw new FormatException(ErrorCode.INVALID_MESSAGE, "an error code must be a published name", published);
    }

    private static JsonObject message(String text) {
        return JsonObject.builder().put("message", text).build();
    }

    private static JsonObject with(JsonObject o, String name, boolean value) {
        JsonObject.Builder b = JsonObject.builder();
        for (java.util.Map.Entry<String, JsonValue> e : o.members().entrySet()) {
            b.put(e.getKey(), e.getValue());
        }
        return b.put(name, value).build();
    }

    private static JsonArray strings(List<String> values) {
        List<JsonValue> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(new JsonString(v));
        }
        return new JsonArray(out);
    }

    /** Runs {@code body}; typed errors and failures of the worker itself become error replies. */
    private static String guard(Body body) {
        try {
            return body.run();
        } catch (FormatException e) {
            return Replies.error(e);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            return Replies.internal(e);
        }
    }

    /** A reply-producing step. */
    @FunctionalInterface
    private interface Body {
        String run();
    }
}
