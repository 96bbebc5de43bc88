package io.paddock.browser.e2e;

import io.paddock.browser.Chromium;
import io.paddock.coordinator.Coordinator;
import io.paddock.coordinator.CoordinatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The volunteer page served by a real coordinator, in headless Chromium: it explains and asks,
 * starts (progress visible: candidate, cases, tokens/s, bytes), stops; a returning volunteer's
 * packages come from browser storage; the page reconnects after a coordinator restart.
 */
class VolunteerPageTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void startShowsProgressAndStopStops(@TempDir Path dir) throws Exception {
        Chromium.require();
        Coordinator c = Farms.start(Farms.config(dir.resolve("data"), 0));
        ChromeDriver driver = null;
        try {
            Farms.submit(c, E2eGeneration.write(dir.resolve("gen"), 16, 8));
            driver = Chromium.start(dir.resolve("profile"));
            VolunteerTab tab = VolunteerTab.open(driver, c.url());
            assertThat(tab.text("explain")).contains("download model packages").contains("Stop");
            assertThat(tab.state()).isEqualTo("not started");

            tab.start();
            tab.await("cases evaluated", WAIT, () -> tab.casesDone() > 0);
            assertThat(tab.text("candidate")).isNotEqualTo("–");
            assertThat(tab.text("kernels")).isEqualTo("WebAssembly SIMD128");
            assertThat(tab.text("bytes")).as("bytes downloaded").isNotEqualTo("0 B");
            tab.await("a tokens/s figure", WAIT, () -> !tab.text("tps").equals("–"));
            tab.screenshot(Farms.artifacts().resolve("volunteer-page.png"));
            assertThat(Files.size(Farms.artifacts().resolve("volunteer-page.png"))).isPositive();

            tab.stop();
            tab.await("stopped", WAIT, () -> tab.state().equals("stopped"));
            int done = tab.casesDone();
            Thread.sleep(1500);
            assertThat(tab.casesDone()).as("no case runs after Stop").isEqualTo(done);
            assertThat(tab.text("log")).contains("stopped");
        } finally {
            if (driver != null) {
                driver.quit();
            }
            c.close();
        }
    }

    @Test
    void returningVolunteerLoadsPackagesFromBrowserStorage(@TempDir Path dir) throws Exception {
        Chromium.require();
        Coordinator c = Farms.start(Farms.config(dir.resolve("data"), 0));
        ChromeDriver driver = null;
        try {
            Path generation = E2eGeneration.write(dir.resolve("gen"), 8, 4, true);
            Farms.submit(c, generation);
            driver = Chromium.start(dir.resolve("profile"));
            VolunteerTab first = VolunteerTab.open(driver, c.url());
            first.start();
            first.await("cases evaluated", WAIT, () -> first.casesDone() > 0);
            first.stop();
            first.await("stopped", WAIT, () -> first.state().equals("stopped"));

            // the volunteer comes back (a fresh page and Web Worker, the same browser storage)
            Farms.submit(c, generation);
            VolunteerTab again = VolunteerTab.open(driver, c.url());
            again.start();
            again.await("cases evaluated", WAIT, () -> again.casesDone() > 0);
            assertThat(again.text("cached")).as("bytes read from browser storage").isNotEqualTo("0 B");
            assertThat(again.text("bytes")).as("bytes downloaded").isEqualTo("0 B");
        } finally {
            if (driver != null) {
                driver.quit();
            }
            c.close();
        }
    }

    @Test
    void reconnectsAfterACoordinatorRestart(@TempDir Path dir) throws Exception {
        Chromium.require();
        int port = Farms.freePort();
        CoordinatorConfig config = Farms.config(dir.resolve("data"), port);
        Coordinator first = Farms.start(config);
        ChromeDriver driver = null;
        Coordinator second = null;
        try {
            driver = Chromium.start(dir.resolve("profile"));
            VolunteerTab tab = VolunteerTab.open(driver, first.url());
            tab.start();
            tab.await("connected", WAIT, () -> tab.state().equals("connected"));

            first.close();
            tab.await("reconnecting", WAIT, () -> tab.state().equals("reconnecting"));

            second = Farms.start(config);
            Farms.submit(second, E2eGeneration.write(dir.resolve("gen"), 8, 4));
            Coordinator restarted = second;
            tab.await("connected again", WAIT, () -> tab.state().equals("connected") || tab.state().equals("working"));
            tab.await("cases evaluated for the restarted coordinator", WAIT, () -> tab.casesDone() > 0);
            assertThat(restarted.port()).isEqualTo(port);
        } finally {
            if (driver != null) {
                driver.quit();
            }
            if (second != null) {
                second.close();
            }
        }
    }
}
