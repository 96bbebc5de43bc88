package io.paddock.browser.e2e;

import io.paddock.browser.Chromium;
import io.paddock.coordinator.Coordinator;
import io.paddock.worker.JvmWorker;
import io.paddock.worker.WorkerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live dashboard at {@code /}, in headless Chromium: opened before anything runs, it shows
 * the worker, the generation's progress and finally the leaderboard, without a reload.
 */
class DashboardPageTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void showsWorkersProgressAndLeaderboardWithoutReload(@TempDir Path dir) throws Exception {
        Chromium.require();
        Coordinator c = Farms.start(Farms.config(dir.resolve("data"), 0));
        ChromeDriver driver = null;
        JvmWorker worker = null;
        try {
            driver = Chromium.start(dir.resolve("profile"));
            driver.get(c.url() + "/");
            ChromeDriver page = driver;
            Supplier<String> leaderboard = () -> page.findElement(By.id("leaderboard")).getText();
            Supplier<String> generations = () -> page.findElement(By.id("generations")).getText();
            Supplier<String> workers = () -> page.findElement(By.id("workers")).getText();
            await("an empty leaderboard", () -> leaderboard.get().contains("no ranked generation yet"));

            worker = JvmWorker.start(null, WorkerConfig.of(URI.create(c.url()), c.workerToken(), 1, 1,
                    dir.resolve("cache"))).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            await("the worker listed", () -> workers.get().contains("jvm") && workers.get().contains("trusted"));

            String id = Farms.submit(c, E2eGeneration.write(dir.resolve("gen"), 8, 4));
            await("the generation listed", () -> generations.get().contains(id));
            await("the leaderboard", () -> leaderboard.get().contains("parent") && !leaderboard.get().contains("no ranked"));
            assertThat(generations.get()).contains("done");

            Path shot = Farms.artifacts().resolve("dashboard-page.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
            assertThat(Files.size(shot)).isPositive();
        } finally {
            if (worker != null) {
                worker.kill();
            }
            if (driver != null) {
                driver.quit();
            }
            c.close();
        }
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the dashboard did not show " + what + " within " + WAIT);
    }
}
