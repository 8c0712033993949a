package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The insights app's pages over the routes of /work/wt/INSIGHTS-CONTRACT.md built on the insights-api branch
 * (overview, heatmap, journeys, customer view, alerts), in headless Chromium after a demo-sized run: no console
 * error, charts drawn, a filter changes the numbers, CSV downloads, IT/EN. Written against the contract before those
 * routes existed on this branch: they pass once both branches are merged.
 */
class InsightsAppPendingApisBrowserIT extends InsightsAppPages {

    @Test
    void overviewPage() throws Exception {
        open("overview");
        assertNoConsoleErrors();
        assertThat(title()).isEqualTo("Panoramica");
        for (String id : new String[] {
            "onboarding.completionHours",
            "onboarding.abandonmentByPhase",
            "postPurchase.nps",
            "postPurchase.contacted24h",
            "timing.openRate",
            "timing.costPerContact"
        }) {
            assertThat(browser.findElements(By.cssSelector("[data-kpi='" + id + "']")))
                    .as(id)
                    .hasSize(1);
        }
        // the definition shows on focus (and hover)
        WebElement card = browser.findElement(By.cssSelector("[data-kpi='timing.openRate']"));
        WebElement definition = card.findElement(By.cssSelector(".definition"));
        assertThat(definition.isDisplayed()).isFalse();
        browser.executeScript("arguments[0].focus()", card);
        assertThat(definition.isDisplayed()).isTrue();
        assertThat(definition.getText()).isNotBlank();
        assertChartsRender(".kpi");
        screenshot("insights-overview");

        String samples = samples();
        choose("f-segment", "b2b");
        changedFrom(samples, InsightsAppPendingApisBrowserIT::samples);
        assertNoConsoleErrors();
        assertThat(assertCsv("csv").lines().findFirst().orElseThrow()).contains("id");
        assertLanguageSwitch("Panoramica", "Overview");
        assertNoConsoleErrors();
    }

    @Test
    void heatmapPage() throws Exception {
        open("heatmap");
        assertNoConsoleErrors();
        assertThat(title()).isEqualTo("Heatmap ora × giorno");
        assertChartsRender("#content");
        screenshot("insights-heatmap");
        String sends = text("#total");
        choose("f-metric", "sends");
        String total = text("#total");
        choose("f-metric", "clicks");
        changedFrom(total, () -> text("#total"));
        choose("f-segment", "b2b");
        assertNoConsoleErrors();
        assertThat(assertCsv("csv").lines().findFirst().orElseThrow()).isEqualTo("weekday,hour,count");
        assertLanguageSwitch("Heatmap ora × giorno", "Hour × weekday heatmap");
        assertNoConsoleErrors();
        assertThat(sends).isNotBlank();
    }

    @Test
    void journeyMapPage() throws Exception {
        open("journeys");
        assertNoConsoleErrors();
        assertThat(title()).isEqualTo("Percorsi");
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(30))
                .until(d -> !d.findElements(By.cssSelector("button.state")).isEmpty());
        assertChartsRender("#content");
        // the graph's states are the ASL file's
        assertThat(browser.findElements(By.cssSelector("button.state")))
                .extracting(WebElement::getText)
                .contains("PlanWelcome", "WaitForWelcome", "DispatchWelcome");
        screenshot("insights-journeys");
        String shown = text("#journey-title");
        WebElement other = browser.findElements(By.cssSelector("button[data-journey]")).stream()
                .filter(b -> !shown.endsWith(b.getAttribute("data-journey")))
                .findFirst()
                .orElseThrow();
        other.click();
        settled();
        changedFrom(shown, () -> text("#journey-title"));
        // a state: who is in it
        browser.findElement(By.cssSelector("button.state")).click();
        settled();
        assertThat(text("#state-title")).isNotBlank();
        assertNoConsoleErrors();
        assertCsv("csv-list");
        assertCsv("csv");
        assertLanguageSwitch("Percorsi", "Journeys");
        assertNoConsoleErrors();
    }

    @Test
    void customerPage() throws Exception {
        String id = firstCustomerWithAJourney();
        open("customer/" + id);
        assertNoConsoleErrors();
        assertThat(text("#customer-summary")).contains(id);
        assertChartsRender("#content");
        assertThat(browser.findElements(By.cssSelector("#timeline li"))).isNotEmpty();
        screenshot("insights-customer");
        String summary = text("#customer-summary");
        WebElement search = browser.findElement(By.id("f-customerId"));
        search.clear();
        search.sendKeys(secondCustomer(id));
        browser.findElement(By.id("apply")).click();
        settled();
        changedFrom(summary, () -> text("#customer-summary"));
        assertNoConsoleErrors();
        assertLanguageSwitch("Cliente", "Customer");
    }

    @Test
    void alertsPage() throws Exception {
        open("alerts");
        assertNoConsoleErrors();
        assertThat(title()).isEqualTo("Avvisi");
        assertChartsRender("#content");
        screenshot("insights-alerts");
        String count = text("#count");
        int all = Integer.parseInt(count.split(" / ")[1]);
        choose("f-kind", "dlq");
        int dlq = Integer.parseInt(text("#count").split(" / ")[0]);
        assertThat(dlq).isLessThanOrEqualTo(all);
        HttpResponse<String> csv = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(browser.findElement(By.id("csv")).getAttribute("href")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertLanguageSwitch("Avvisi", "Alerts");
        assertNoConsoleErrors();
    }

    private static String samples() {
        return String.join(
                "|",
                browser.findElements(By.cssSelector(".kpi .value, .kpi .sample")).stream()
                        .map(WebElement::getText)
                        .toList());
    }

    private static String firstCustomerWithAJourney() throws Exception {
        String body = HTTP.send(
                        HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/insights/rfm?limit=5"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return it.attimo.tests.support.StackApi.JSON
                .readTree(body)
                .path("rows")
                .get(0)
                .path("customerId")
                .asText();
    }

    private static String secondCustomer(String notThis) throws Exception {
        String body = HTTP.send(
                        HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/insights/rfm?limit=5"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        for (var row : it.attimo.tests.support.StackApi.JSON.readTree(body).path("rows")) {
            if (!row.path("customerId").asText().equals(notThis))
                return row.path("customerId").asText();
        }
        throw new AssertionError("one customer only");
    }
}
