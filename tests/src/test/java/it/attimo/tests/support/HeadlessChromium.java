package it.attimo.tests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The distribution's Chromium and chromedriver, headless, for browser tests: {@link #start} skips the test (with the
 * reason) where they are not installed. Screenshots go to the project's {@code docs/screenshots/}; the browser's
 * console is readable so that a page with a script error fails its test.
 */
public final class HeadlessChromium implements AutoCloseable {
    private final ChromeDriver driver;
    private final Path screenshots;

    private HeadlessChromium(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** A phone-sized (412 px wide) headless browser in Italian. */
    public static HeadlessChromium start(Path projectRoot) {
        return start(projectRoot, 412, 1400);
    }

    public static HeadlessChromium start(Path projectRoot, int width, int height) {
        Optional<Path> chromium = firstExisting(
                System.getenv("ATTIMO_CHROMIUM"),
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome");
        Optional<Path> chromedriver = firstExisting(
                System.getenv("ATTIMO_CHROMEDRIVER"), "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        Assumptions.assumeTrue(
                chromium.isPresent() && chromedriver.isPresent(),
                "no chromium + chromedriver on this machine (apt-get install chromium chromium-driver): browser tests skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height,
                "--lang=it-IT");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return new HeadlessChromium(driver, projectRoot.resolve("docs").resolve("screenshots"));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves what the browser shows as {@code docs/screenshots/<name>.png}. */
    public Path screenshot(String name) throws IOException {
        Path out = screenshots.resolve(name + ".png");
        Files.createDirectories(out.getParent());
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, out, StandardCopyOption.REPLACE_EXISTING);
        return out;
    }

    /**
     * The console's script errors since the last call (SEVERE entries). Chromium also logs every 4xx/5xx answer to a
     * fetch as "Failed to load resource"; those are answers a test provokes on purpose and asserts itself, so they
     * are left out.
     */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !e.getMessage().contains("Failed to load resource"))
                .map(LogEntry::getMessage)
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static Optional<Path> firstExisting(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank() && Files.isExecutable(Path.of(c))) return Optional.of(Path.of(c));
        }
        return Optional.empty();
    }
}
