package io.paddock.browser.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** One browser tab on a coordinator's {@code /volunteer/} page, read through the page's own fields. */
final class VolunteerTab {
    private final ChromeDriver driver;
    private final String handle;

    private VolunteerTab(ChromeDriver driver, String handle) {
        this.driver = driver;
        this.handle = handle;
    }

    /** Opens the page in the driver's current tab. */
    static VolunteerTab open(ChromeDriver driver, String coordinatorUrl) {
        driver.get(coordinatorUrl + "/volunteer");
        return new VolunteerTab(driver, driver.getWindowHandle());
    }

    /** Opens the page in a new tab of the same browser. */
    static VolunteerTab openNewTab(ChromeDriver driver, String coordinatorUrl) {
        driver.switchTo().newWindow(WindowType.TAB);
        return open(driver, coordinatorUrl);
    }

    private WebDriver focus() {
        return driver.switchTo().window(handle);
    }

    void start() {
        focus().findElement(By.id("start")).click();
    }

    void stop() {
        focus().findElement(By.id("stop")).click();
    }

    /** Closes the tab: its worker and connection die with it. */
    void close() {
        focus().close();
        for (String other : driver.getWindowHandles()) {
            driver.switchTo().window(other);
            break;
        }
    }

    String text(String id) {
        return focus().findElement(By.id(id)).getText();
    }

    String state() {
        return text("state");
    }

    int casesDone() {
        return Integer.parseInt(text("cases").trim());
    }

    /** "done / total" of the unit being evaluated, as two numbers; null before the first unit. */
    int[] unitProgress() {
        String t = text("unit-cases").trim();
        int slash = t.indexOf('/');
        if (slash < 0) {
            return null;
        }
        return new int[] {Integer.parseInt(t.substring(0, slash).trim()), Integer.parseInt(t.substring(slash + 1).trim())};
    }

    void screenshot(Path file) {
        focus();
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code condition} every 50 ms until it holds, or fails with {@code what} and the page's state. */
    void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; page state: " + state() + " ("
                        + text("detail") + "), log:\n" + text("log"));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
