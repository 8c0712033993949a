package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.event.CustomerEvent;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.tests.support.HeadlessChromium;
import it.attimo.tests.support.StackApi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * The touchpoints page of the insights app (issue 13) in headless Chromium, over a stack that received events from a
 * few touchpoints of the shipped touchpoints.json: the chatbot (one request handled, one not: "output not handled"),
 * the boiler landing page (two customers, one converted), the newsletter (its last event 20 days ago: silent) and
 * WhatsApp (never an event: silent). The clock then passes the 05:00 Rome analytics refresh, which lists the
 * touchpoint alerts on the alerts page. Screenshots docs/screenshots/insights-touchpoints*.png.
 */
class TouchpointsAppBrowserIT extends AppPages {
    static final String SECRET = "touchpoints-app";
    /** Thursday 11 June 2026, 06:00 in Rome: one hour after that morning's analytics refresh. */
    static final Instant T = Instant.parse("2026-06-11T04:00:00Z");

    @BeforeAll
    static void startTheStackWithTouchpointEvents() {
        browser = HeadlessChromium.start(1280, 1400, "it-IT");
        root = TemplateConsistency.findProjectRoot(Path.of(""));
        // 04:30 in Rome: the events arrive before the day's refresh
        stack = LocalStack.start(StackOptions.inMemory(root, T.minus(Duration.ofMinutes(90)), SECRET));
        StackApi api = new StackApi(() -> stack.baseUrl(), SECRET);
        List<CustomerEvent> events = List.of(
                event("c1", "web/chatbot", "support.requested", "tpa-1", T.minus(Duration.ofHours(30))),
                event("c2", "crm", "task.closed", "tpa-1", T.minus(Duration.ofHours(20))),
                event("c3", "web/chatbot", "support.requested", "tpa-2", T.minus(Duration.ofHours(28))),
                event("c4", "web/chatbot", "support.requested", "tpa-3", T.minus(Duration.ofHours(3))),
                event("l1", "web/landing/caldaie", "portal.accessed", "tpa-4", T.minus(Duration.ofDays(2))),
                new CustomerEvent(
                        "l2", "shop", "order.placed", "tpa-4", T.minus(Duration.ofDays(1)), Map.of("orderId", "o-1")),
                event("l3", "web/landing/caldaie", "portal.accessed", "tpa-5", T.minus(Duration.ofDays(3))),
                event("n1", "hubspot/email", "email.opened", "tpa-6", T.minus(Duration.ofDays(40))));
        StackApi.Reply posted = api.postEvents(events);
        assertThat(posted.status()).as(posted.raw()).isEqualTo(202);
        assertThat(posted.body().path("rejected").asInt()).as(posted.raw()).isZero();
        StackApi.Reply moved = api.clockSet(T);
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
    }

    @Test
    void theTouchpointsPageShowsEveryTouchpointItsNumbersAndWhichAreSilentInItalianAndEnglish() throws Exception {
        open("touchpoints");
        assertNoConsoleErrors();
        assertThat(title()).isEqualTo("Punti di contatto");
        assertThat(browser.findElement(By.cssSelector("nav a[data-view=touchpoints]"))
                        .getAttribute("aria-current"))
                .isEqualTo("page");
        assertThat(browser.findElements(By.cssSelector("#touchpoints tbody tr")))
                .hasSize(9);
        assertChartsRender("#content");
        assertThat(text("#events-total")).isEqualTo("6");

        // the chatbot: 3 requests in the period, one of them unanswered after its 24 h
        assertThat(cell("chatbot-sito", 1)).contains("Chatbot").contains("chatbot-sito");
        assertThat(cell("chatbot-sito", 3)).isEqualTo("customer-service");
        assertThat(cell("chatbot-sito", 5)).contains("web/chatbot");
        assertThat(cell("chatbot-sito", 6)).isEqualTo("3");
        assertThat(cell("chatbot-sito", 8)).isEqualTo("3");
        assertThat(badges("chatbot-sito")).containsExactly("output non gestito");
        assertThat(cell("chatbot-sito", 10)).contains("1 × support.requested senza task.closed entro 24 h");
        // the landing page: two customers reached, one ordered after it
        assertThat(cell("landing-caldaie", 6)).isEqualTo("2");
        assertThat(cell("landing-caldaie", 8)).isEqualTo("2");
        assertThat(cell("landing-caldaie", 9)).contains("50 %", "1 / 2 → order.placed");
        assertThat(badges("landing-caldaie")).containsExactly("ok");
        // its last event in Rome's time: 9 June 2026, 06:00 (04:00Z, CEST)
        assertThat(cell("landing-caldaie", 7)).isEqualTo("9 giu 2026, 06:00");
        // the newsletter: nothing for 40 days (its threshold is 35): silent, with the date of its last event
        assertThat(cell("newsletter", 6)).isEqualTo("0");
        assertThat(badges("newsletter")).containsExactly("silenzioso");
        assertThat(cell("newsletter", 10)).contains("Nessun evento dal 2 mag 2026, 06:00 (soglia: 35 g)");
        // WhatsApp never spoke
        assertThat(cell("whatsapp-assistenza", 7)).isEqualTo("mai");
        assertThat(cell("whatsapp-assistenza", 10)).contains("silenzioso", "Nessun evento mai ricevuto (soglia: 2 g)");
        assertThat(browser.findElements(By.id("no-events"))).isEmpty();
        screenshot("insights-touchpoints");

        String csv = assertCsv("csv", 9);
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("id,name,kind,owner,output,sources,from,to,events,lastEventAt,customersReached,milestone,"
                        + "conversions,conversionRate,requests,unhandled,status,alerts,alertMessages");
        assertThat(line(lines, "landing-caldaie")).contains(",2,2026-06-09T04:00:00Z,2,order.placed,1,0.5,,,ok,,");
        assertThat(line(lines, "chatbot-sito")).contains(",3,", ",3,1,alert,unhandled,");
        assertThat(line(lines, "whatsapp-assistenza")).contains(",alert,silent,no event ever");

        // the status filter: only those with an alert
        choose("f-status", "alert");
        List<WebElement> alerting = browser.findElements(By.cssSelector("#touchpoints tbody tr"));
        assertThat(alerting).isNotEmpty().hasSizeLessThan(9);
        assertThat(alerting)
                .allSatisfy(r -> assertThat(r.getAttribute("data-status")).isEqualTo("alert"));
        assertThat(browser.findElements(By.cssSelector("tr[data-touchpoint=landing-caldaie]")))
                .isEmpty();
        assertNoConsoleErrors();

        assertLanguageSwitch("Punti di contatto", "Touchpoints");
        browser.findElement(By.id("lang-en")).click();
        settled();
        choose("f-status", "");
        assertThat(badges("whatsapp-assistenza")).containsExactly("silent");
        assertThat(badges("chatbot-sito")).containsExactly("output not handled");
        assertThat(cell("newsletter", 10)).contains("No event since 2 May 2026, 06:00 (threshold: 35 d)");
        assertThat(cell("landing-caldaie", 7)).isEqualTo("9 Jun 2026, 06:00");
        assertThat(browser.findElement(By.cssSelector("#touchpoints thead")).getText())
                .contains("Touchpoint", "Owner", "Customers reached", "Last event");
        assertNoConsoleErrors();
    }

    @Test
    void aPeriodWithoutEventsSaysSoAndTheDownloadFollowsThePeriod() throws Exception {
        open("touchpoints");
        period("2026-01-01", "2026-01-31");
        settled();
        // the dates are Rome days: from its midnight to its last second
        assertThat(text("#period")).isEqualTo("Periodo: 1 gen 2026, 00:00 – 31 gen 2026, 23:59");
        assertThat(text("#no-events")).contains("Nessun evento dai punti di contatto in questo periodo");
        assertThat(browser.findElements(By.cssSelector("#content .chart"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#touchpoints tbody tr")))
                .hasSize(9);
        assertThat(browser.findElement(By.id("csv")).getAttribute("href"))
                .contains("from=2025-12-31T23%3A00%3A00Z", "to=2026-01-31T22%3A59%3A59Z", "format=csv");
        String csv = assertCsv("csv", 9);
        assertThat(csv.lines().skip(1))
                .allSatisfy(l -> assertThat(l).contains(",2025-12-31T23:00:00Z,2026-01-31T22:59:59Z,"));
        assertNoConsoleErrors();

        // a period the route refuses (from after to) is an error message naming the route, not a blank page
        period("2026-03-01", "2026-01-31");
        settled();
        assertThat(text(".message.error")).contains("/touchpoints", "400", "from must be before to");
        HeadlessChromium.consoleErrors(browser); // the 400 is logged by the browser as a failed request
    }

    @Test
    void theDailyRefreshListsTheTouchpointAlertsOnTheAlertsPage() {
        open("alerts");
        assertNoConsoleErrors();
        choose("f-kind", "touchpoint-silent");
        String silent = browser.findElement(By.cssSelector("#content table")).getText();
        assertThat(silent).contains("WhatsApp", "whatsapp-assistenza", "Newsletter", "Punto di contatto silenzioso");
        assertThat(silent).doesNotContain("landing-caldaie");
        choose("f-kind", "touchpoint-unhandled");
        assertThat(browser.findElements(By.cssSelector("#content tbody tr"))).hasSize(1);
        assertThat(text("#content tbody tr")).contains("critico", "chatbot-sito", "1 richieste senza risposta");
        browser.findElement(By.cssSelector("#content tbody a[data-touchpoint=chatbot-sito]"))
                .click();
        settled();
        assertThat(title()).isEqualTo("Punti di contatto");
        assertNoConsoleErrors();
    }

    @Test
    void atAPhonesWidthThePageDoesNotOverflowAndTheTableScrollsInItsBox() throws Exception {
        browser.manage().window().setSize(new Dimension(412, 915));
        try {
            open("touchpoints");
            assertNoConsoleErrors();
            Number page = (Number) browser.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(page.intValue()).as("horizontal overflow of the page").isLessThanOrEqualTo(0);
            WebElement wrap = browser.findElement(By.id("touchpoints"));
            assertThat(wrap.getSize().getWidth()).isLessThanOrEqualTo(412);
            assertChartsRender("#content");
            screenshot("insights-touchpoints-mobile");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1400));
        }
    }

    /** Picks the period's dates (as the date picker would fill its inputs) and applies it. */
    private static void period(String from, String to) {
        browser.executeScript(
                "document.getElementById('f-from').value = arguments[0];"
                        + "document.getElementById('f-to').value = arguments[1];",
                from,
                to);
        browser.findElement(By.id("apply")).click();
    }

    /** The text of the {@code column}-th cell (1-based) of a touchpoint's row. */
    private static String cell(String touchpoint, int column) {
        return text("tr[data-touchpoint=" + touchpoint + "] td:nth-child(" + column + ")");
    }

    private static List<String> badges(String touchpoint) {
        return browser
                .findElements(By.cssSelector("tr[data-touchpoint=" + touchpoint + "] td:last-child .badge"))
                .stream()
                .map(WebElement::getText)
                .toList();
    }

    private static String line(List<String> csv, String id) {
        return csv.stream()
                .filter(l -> l.startsWith(id + ","))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line " + id + " in " + csv));
    }

    private static CustomerEvent event(String id, String source, String type, String customer, Instant at) {
        return new CustomerEvent(id, source, type, customer, at, Map.of());
    }
}
