package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.local.LocalStack;
import it.attimo.tests.support.HeadlessChromium;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the insights app's browser suites share: the stack and the headless Chromium a suite starts in its
 * {@code @BeforeAll} (into {@link #stack}, {@link #browser}, {@link #root}; {@link #data} is deleted after), and the
 * checks every page gets. {@link InsightsAppPages} runs them after a demo-sized population.
 */
abstract class AppPages {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Path root;
    static Path data;
    static LocalStack stack;
    static ChromeDriver browser;

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
        // the next suite in this JVM starts its own
        browser = null;
        stack = null;
        data = null;
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
