package io.paddock.browser.e2e;

import io.paddock.browser.Chromium;
import io.paddock.cli.Main;
import io.paddock.coordinator.rank.RankingJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5's end-to-end test: {@code paddock run} with no JVM workers, evaluated by headless
 * Chromium tabs on {@code /volunteer} alone, ranks byte-identically (deterministic section) to the
 * JVM-only run. Volunteers are untrusted, so every unit is answered by two tabs that must agree bit
 * for bit. One tab is closed in the middle of a unit: its lease expires (30 s, paddock run's
 * default) and the unit is evaluated by a tab that joins later.
 */
class BrowserFarmTest {

    @Test
    void browserTabsAloneRankLikeTheJvmAndRecoverFromAClosedTab(@TempDir Path dir) throws Exception {
        Chromium.require();
        Path generation = E2eGeneration.write(dir.resolve("gen"), 24, 16);

        Path jvmOut = dir.resolve("jvm");
        assertThat(Main.run("run", generation.toString(), "--workers", "1", "--out", jvmOut.toString()))
                .as("JVM-only paddock run").isZero();

        int port = Farms.freePort();
        Path browserOut = dir.resolve("browser");
        FutureTask<Integer> run = new FutureTask<>(() -> Main.run("run", generation.toString(), "--workers", "0",
                "--port", Integer.toString(port), "--out", browserOut.toString()));
        Thread runner = new Thread(run, "paddock-run");
        runner.setDaemon(true);
        runner.start();
        String url = "http://127.0.0.1:" + port;
        Farms.awaitHttp(url + "/volunteer/", Duration.ofSeconds(90));

        ChromeDriver driver = Chromium.start(dir.resolve("profile"));
        try {
            VolunteerTab a = VolunteerTab.open(driver, url);
            a.start();
            VolunteerTab b = VolunteerTab.openNewTab(driver, url);
            b.start();

            a.await("tab a in the middle of a unit", Duration.ofSeconds(120), () -> {
                int[] p = a.unitProgress();
                return p != null && p[0] > 0 && p[0] < p[1];
            });
            a.close();
            // a new volunteer joins (untrusted answers need a second worker to agree)
            VolunteerTab c = VolunteerTab.openNewTab(driver, url);
            c.start();

            int exit = run.get(5, TimeUnit.MINUTES);
            assertThat(exit).as("browser-only paddock run").isZero();
        } finally {
            driver.quit();
        }

        byte[] jvm = RankingJson.deterministicSection(RankingJson.read(Files.readAllBytes(jvmOut.resolve("ranking.json"))));
        byte[] browser = RankingJson.deterministicSection(
                RankingJson.read(Files.readAllBytes(browserOut.resolve("ranking.json"))));
        assertThat(new String(browser, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(jvm, java.nio.charset.StandardCharsets.UTF_8));
    }
}
