package io.paddock.browser;

import io.paddock.runtime.kernel.ScalarKernels;
import org.teavm.jso.JSExport;

/**
 * The WebAssembly module's exports: a narrow boundary of strings and numbers (package bytes
 * travel through linear memory: {@code allocate} returns an address the script writes the
 * download to). Each call returns the JSON text of a reply: {@code {"ok": …}} or
 * {@code {"error": {"code", "message"}}} with the runtime's typed error codes. The page's script
 * ({@code paddock-loader.js}) wraps these; see {@link BrowserWorker} for what each does.
 *
 * <p>The one static field is the module's instance: a WebAssembly module has exactly one caller,
 * the Web Worker that loaded it.
 */
public final class BrowserMain {
    private static BrowserWorker worker;

    private BrowserMain() {
    }

    public static void main(String[] args) {
        // nothing to do at start: the script calls init
    }

    /** Starts the runtime with the SIMD128 kernels ({@code simd}) or the scalar ones; replaces any earlier state. */
    @JSExport
    public static String init(boolean simd) {
        LinearAllocator linear = new TeaVmLinear();
        worker = simd ? new BrowserWorker(linear, new SimdKernels(linear)) : new BrowserWorker(linear, new ScalarKernels());
        return Replies.ok(io.paddock.protocol.json.JsonObject.builder().put("kernels", worker.kernelsName()).build());
    }

    @JSExport
    public static String allocate(double size) {
        return w().allocate(size);
    }

    @JSExport
    public static String loadModel(int handle, String digest) {
        return w().loadModel(handle, digest);
    }

    @JSExport
    public static String loadAdapter(int handle, String digest) {
        return w().loadAdapter(handle, digest);
    }

    @JSExport
    public static String discard(int handle) {
        return w().discard(handle);
    }

    @JSExport
    public static String release(String digest) {
        return w().release(digest);
    }

    @JSExport
    public static String held() {
        return w().held();
    }

    @JSExport
    public static String calibrate() {
        return w().calibrate();
    }

    @JSExport
    public static String hello(String workerId, String cachedJson) {
        return w().hello(workerId, cachedJson);
    }

    @JSExport
    public static String pull(int freeSlots) {
        return w().pull(freeSlots);
    }

    @JSExport
    public static String heartbeat() {
        return w().heartbeat();
    }

    @JSExport
    public static String drain() {
        return w().drain();
    }

    @JSExport
    public static String receive(String frame) {
        return w().receive(frame);
    }

    @JSExport
    public static String next() {
        return w().next();
    }

    @JSExport
    public static String assemble() {
        return w().assemble();
    }

    @JSExport
    public static String evaluateNext() {
        return w().evaluateNext();
    }

    @JSExport
    public static String finish() {
        return w().finish();
    }

    @JSExport
    public static String fail(String code, String cause) {
        return w().fail(code, cause);
    }

    @JSExport
    public static String abandon() {
        return w().abandon();
    }

    @JSExport
    public static String evidence() {
        return w().evidence();
    }

    @JSExport
    public static String diagnostics() {
        return w().diagnostics();
    }

    @JSExport
    public static String bench(String modelDigest, int newTokens, int warmupRuns, int runs) {
        return w().bench(modelDigest, newTokens, warmupRuns, runs);
    }

    private static BrowserWorker w() {
        if (worker == null) {
            init(false);
        }
        return worker;
    }
}
