package io.paddock.browser;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.json.JsonLimits;
import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.json.JsonParser;
import io.paddock.protocol.json.JsonSource;
import io.paddock.protocol.json.JsonString;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The conformance test page ({@code /test/conformance.html}) in headless Chromium, driven through {@code window.paddockTest}. */
final class ConformancePage implements AutoCloseable {
    private final ChromeDriver driver;

    ConformancePage(TestServer server, Path profile) {
        this.driver = Chromium.start(profile);
        driver.get(server.base() + "/test/conformance.html");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"ready".equals(driver.findElement(org.openqa.selenium.By.id("state")).getText())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the conformance page did not load");
            }
            sleep(50);
        }
    }

    /** Calls {@code paddockTest[fn](spec)} and returns its JSON reply. */
    JsonObject call(String fn, Map<String, Object> spec) {
        Object out = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "window.paddockTest[arguments[0]](arguments[1])"
                        + ".then(r => done(JSON.stringify(r)), e => done(JSON.stringify({thrown: String(e && e.stack || e)})));",
                fn, spec);
        JsonObject reply = (JsonObject) JsonParser.parse((String) out, JsonLimits.ofInput(64 << 20),
                JsonSource.of("page reply", ErrorCode.INVALID_MESSAGE));
        if (reply.has("thrown")) {
            throw new AssertionError("the page threw: " + ((JsonString) reply.get("thrown")).value());
        }
        return reply;
    }

    ChromeDriver driver() {
        return driver;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
