package io.paddock.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;

import java.nio.file.Files;
import java.nio.file.Path;

class KernelScratch {
    @Test
    void bench(@TempDir Path profile) throws Exception {
        String wasm = System.getProperty("wasm", "/tmp/kbench/kernels.wasm");
        String kinds = System.getProperty("kinds", "f32,q8,q4");
        try (TestServer server = new TestServer(); ConformancePage page = new ConformancePage(server, profile)) {
            String digest = server.put(Files.readAllBytes(Path.of(wasm)));
            String js = Files.readString(Path.of("/tmp/kbench/page-bench.js"));
            Object out = ((JavascriptExecutor) page.driver()).executeAsyncScript(js
                    + "\nconst done = arguments[arguments.length-1]; kbench('/v1/packages/" + digest + "', '" + kinds
                    + "'.split(',')).then(done, e => done('ERR ' + e));");
            System.out.println(out);
        }
    }
}
