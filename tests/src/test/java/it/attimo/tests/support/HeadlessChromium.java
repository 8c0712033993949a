package it.attimo.tests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The distribution's chromium and chromedriver (apt-get install chromium chromium-driver), driven headless by
 * Selenium; the browser suites skip, with the reason, where they are not installed. {@code ATTIMO_CHROMIUM} and
 * {@code ATTIMO_CHROMEDRIVER} point elsewhere. The browser's console is kept so that a test can read its errors.
 */
public final class HeadlessChromium {
    private HeadlessChromium() {}

    /** Skips the calling test (with the reason) when no chromium + chromedriver can be found. */
    public static ChromeDriver start(int width, int height, String language) {
        Optional<Path> chromium = firstExisting(
                System.getenv("ATTIMO_CHROMIUM"),
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome");
        Optional<Path> driver = firstExisting(
                System.getenv("ATTIMO_CHROMEDRIVER"), "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        Assumptions.assumeTrue(
                chromium.isPresent() && driver.isPresent(),
                "no chromium + chromedriver on this machine (apt-get install chromium chromium-driver): browser tests skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height,
                "--lang=" + language);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile())
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return browser;
    }

    /** The console's errors since the last call (the log is drained by reading it). */
    public static List<String> consoleErrors(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Saves what the browser shows as {@code docs/screenshots/<name>.png} under the project root. */
    public static void screenshot(ChromeDriver browser, Path projectRoot, String name) throws IOException {
        Path out = projectRoot.resolve("docs/screenshots").resolve(name + ".png");
        Files.createDirectories(out.getParent());
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, out, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Optional<Path> firstExisting(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank() && Files.isExecutable(Path.of(c))) return Optional.of(Path.of(c));
        }
        return Optional.empty();
    }
}
