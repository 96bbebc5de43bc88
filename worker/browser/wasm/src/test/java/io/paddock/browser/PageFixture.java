package io.paddock.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * One headless Chromium on the conformance page, served by a {@link TestServer}, shared by every
 * test of a class (started once: a browser start costs seconds). Fails under {@code CI=true} when
 * Chromium is missing, skips loudly elsewhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PageFixture {
    protected TestServer server;
    protected ConformancePage page;

    @BeforeAll
    void startPage(@TempDir Path profile) {
        Chromium.require();
        server = new TestServer();
        page = new ConformancePage(server, profile);
    }

    @AfterAll
    void stopPage() {
        if (page != null) {
            page.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
