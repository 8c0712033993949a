package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.local.demo.DemoRun;
import it.attimo.tests.support.HeadlessChromium;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the insights app's browser suites share: a demo-sized population run through the embedded stack (the demo
 * itself, 80 customers over 3 virtual days, so the analytics refresh has run), the stack started again on its data,
 * a headless Chromium, and the checks every page gets.
 */
abstract class InsightsAppPages {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Path root;
    static Path data;
    static LocalStack stack;
    static ChromeDriver browser;

    @BeforeAll
    static void runTheDemoAndOpenABrowser() throws Exception {
        browser = HeadlessChromium.start(1280, 1400, "it-IT");
        root = TemplateConsistency.findProjectRoot(Path.of(""));
        data = Files.createTempDirectory("insights-app-demo");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun.Outcome outcome = DemoRun.run(
                new DemoRun.Settings(root, data, 80, 11, 3, Instant.parse("2026-06-08T06:00:00Z"), 4, 2),
                new PrintStream(log, true, StandardCharsets.UTF_8),
                false);
        assertThat(outcome.healthy()).as(outcome.problems().toString()).isTrue();
        stack = LocalStack.start(
                StackOptions.inMemory(root, Instant.now(), "insights-app").withDataDir(data));
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) browser.quit();
        if (stack != null) stack.close();
        if (data != null) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Opens a view in Italian and waits until its content (or an error message) replaced "loading". */
    static void open(String view) {
        HeadlessChromium.consoleErrors(browser); // what an earlier test left in the log is not this page's
        browser.get(stack.baseUrl() + "/app#/" + view);
        browser.executeScript("localStorage.setItem('attimo.lang','it')");
        browser.navigate().refresh();
        settled();
    }

    static void settled() {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.cssSelector("main p.muted[aria-live]"))
                        .isEmpty());
    }

    static void assertNoConsoleErrors() {
        assertThat(HeadlessChromium.consoleErrors(browser))
                .as("browser console errors")
                .isEmpty();
        assertThat(browser.findElements(By.cssSelector(".message.error")))
                .as("error messages in the page")
                .isEmpty();
    }

    /** Every chart drew something: an SVG with shapes inside each chart element (ECharts' SVG renderer). */
    static void assertChartsRender(String scope) {
        List<WebElement> charts = browser.findElements(By.cssSelector(scope + " .chart"));
        assertThat(charts).as("charts in " + scope).isNotEmpty();
        for (WebElement chart : charts) {
            assertThat(chart.findElements(By.cssSelector("svg path, svg rect")))
                    .as("shapes drawn in a chart")
                    .isNotEmpty();
        }
    }

    /** The link's href answers CSV: 200, text/csv, an attachment, a header line and rows. */
    static String assertCsv(String linkId) throws Exception {
        return assertCsv(linkId, 1);
    }

    /** The link's href answers CSV with a header line and at least {@code rows} rows. */
    static String assertCsv(String linkId, int rows) throws Exception {
        WebElement link = browser.findElement(By.id(linkId));
        assertThat(link.getAttribute("download")).isNotNull();
        String href = link.getAttribute("href");
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(href)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(href + ": " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment");
        assertThat(response.body().lines().count())
                .as("a header and at least " + rows + " row(s)")
                .isGreaterThanOrEqualTo(1 + rows);
        return response.body();
    }

    /** IT → EN changes the title (and html lang), is remembered across a reload, and EN → IT brings it back. */
    static void assertLanguageSwitch(String italian, String english) {
        assertThat(title()).isEqualTo(italian);
        browser.findElement(By.id("lang-en")).click();
        settled();
        assertThat(title()).isEqualTo(english);
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        browser.navigate().refresh();
        settled();
        assertThat(title()).as("the choice is remembered").isEqualTo(english);
        browser.findElement(By.id("lang-it")).click();
        settled();
        assertThat(title()).isEqualTo(italian);
    }

    static String title() {
        return browser.findElement(By.id("title")).getText();
    }

    static void choose(String selectId, String value) {
        new Select(browser.findElement(By.id(selectId))).selectByValue(value);
        browser.findElement(By.id("apply")).click();
        settled();
    }

    /** Waits until what {@code read} reads differs from {@code before}, and returns it. */
    static String changedFrom(String before, Supplier<String> read) {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> !read.get().equals(before));
        return read.get();
    }

    static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    static void screenshot(String name) throws IOException {
        HeadlessChromium.screenshot(browser, root, name);
    }
}
