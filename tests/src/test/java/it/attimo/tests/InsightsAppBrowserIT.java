package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The insights web app in headless Chromium after a demo-sized run, for the pages whose routes are on main (base
 * clienti: /insights/rfm|clusters|clv|churn; esperimenti: /experiments): each loads with no console error and no
 * error message, its charts draw, a filter changes the numbers, the CSV link answers CSV, IT/EN changes the labels
 * and is remembered. The pages of the insights-api routes are in {@link InsightsAppPendingApisBrowserIT}.
 * Screenshots: docs/screenshots/insights-*.png.
 */
class InsightsAppBrowserIT extends InsightsAppPages {

    @Test
    void theAppIsServedAtTheRootAndAtAppWithItsAssetsFromTheJar() throws Exception {
        for (String path : new String[] {"/", "/app"}) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.body()).contains("app/echarts.min.js", "app/app.js", "<html lang=\"it\">");
        }
        HttpResponse<String> echarts = get("/app/echarts.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(echarts.body()).contains("echarts").hasSizeGreaterThan(500_000);
        assertThat(get("/app/app.js").body()).contains("Panoramica");
        assertThat(get("/app/nothing.js").statusCode()).isEqualTo(404);
        // the browser's way to the read routes on AWS answers what the route answers
        assertThat(get("/app/api?path=/experiments").body())
                .isEqualTo(get("/experiments").body());
        assertThat(get("/app/api?path=/insights/rfm&limit=2").body())
                .isEqualTo(get("/insights/rfm?limit=2").body());
        assertThat(get("/app/api?path=/profiles/nobody").statusCode()).isEqualTo(404);
        assertThat(get("/app/api?path=/profiles/x/export").statusCode()).isEqualTo(404);
        assertThat(get("/app/api").statusCode()).isEqualTo(400);
    }

    @Test
    void customerBasePage() throws Exception {
        open("base");
        assertNoConsoleErrors();
        assertThat(title()).isEqualTo("Base clienti");
        assertChartsRender("#rfm");
        assertChartsRender("#clusters");
        assertThat(browser.findElements(By.cssSelector("#clusters tbody tr"))).isNotEmpty();
        assertThat(text("#auc")).isNotBlank();
        screenshot("insights-base");

        String all = text("#rfm-total");
        choose("f-segment", "b2b");
        String b2b = changedFrom(all, () -> text("#rfm-total"));
        assertThat(Integer.parseInt(b2b.replaceAll("\\D", ""))).isLessThan(Integer.parseInt(all.replaceAll("\\D", "")));
        assertNoConsoleErrors();

        String csv = assertCsv("csv");
        assertThat(csv.lines().findFirst().orElseThrow()).contains("customerId");
        assertThat(csv.lines().skip(1)).allSatisfy(line -> assertThat(line).contains("b2b"));
        assertCsv("csv-clusters");
        // a 3-day demo is too short for the churn model's time split: its CSV may be the header alone
        assertCsv("csv-churn", 0);

        assertLanguageSwitch("Base clienti", "Customer base");
        assertNoConsoleErrors();
    }

    @Test
    void experimentsPage() throws Exception {
        open("experiments");
        assertNoConsoleErrors();
        assertThat(title()).isEqualTo("Esperimenti");
        assertThat(browser.findElements(By.cssSelector(".experiment"))).isNotEmpty();
        assertChartsRender(".experiment");
        assertThat(text(".experiment .pvalue")).isNotBlank();
        screenshot("insights-experiments");

        // the timing test and the brochure's touchpoint test; the journey filter keeps the timing one
        String all = text("#count");
        assertThat(all).startsWith("2 ");
        assertThat(text("[data-experiment='brochure-landing']")).contains("touchpoint brochure-fiera");
        choose("f-journey", "post-purchase");
        String count = changedFrom(all, () -> text("#count"));
        assertThat(count).startsWith("1 ");
        String status =
                browser.findElement(By.cssSelector(".experiment .badge")).getText();
        choose("f-status", status.equals("in corso") ? "winner-declared" : "running");
        assertThat(changedFrom(count, () -> text("#count"))).startsWith("0 ");

        String csv = assertCsv("csv");
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo("experiment,journey,step,status,metric,arm,assigned,converted,rate,lift,pValue,winner");
        assertThat(csv).contains("tutorial-timing,post-purchase,tutorial", "brochure-landing,,,running");

        assertLanguageSwitch("Esperimenti", "Experiments");
        assertNoConsoleErrors();
    }

    @Test
    void aRouteThatAnswersAnErrorIsAMessageInThePageNotABlankPage() {
        open("customer/nobody-here");
        assertThat(browser.findElement(By.cssSelector(".message.error")).getText())
                .contains("/insights/customers/nobody-here", "404");
        assertThat(title()).isEqualTo("Cliente");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
