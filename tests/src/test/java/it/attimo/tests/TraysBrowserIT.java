package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.tests.support.HeadlessChromium;
import it.attimo.tests.support.StackApi;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The tray pages in a real browser (headless Chromium at a phone's size), filled as a person would: the customer
 * corrects a wrong VAT number after the error shown next to it, asks for the code, types it and signs; customer
 * service ticks, chooses and confirms; sales opens the completed document. Screenshots go to docs/screenshots/.
 * Skipped, with the reason, where no chromium and chromedriver are installed.
 */
class TraysBrowserIT {
    static final String SECRET = "trays-browser-secret";
    static final Instant START = Instant.parse("2026-06-09T08:00:00Z");

    private LocalStack stack;
    private StackApi api;
    private WebDriver browser;
    private Path root;

    @BeforeEach
    void start() {
        browser = HeadlessChromium.start(412, 1400, "it-IT");
        root = TemplateConsistency.findProjectRoot(Path.of(""));
        stack = LocalStack.start(StackOptions.inMemory(root, START, SECRET));
        api = new StackApi(() -> stack.baseUrl(), SECRET);
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.quit();
        if (stack != null) stack.close();
    }

    @Test
    void eachPartyFillsItsPageAsAPersonWould() throws IOException {
        List<CustomerEvent> people =
                List.of(upsert("c-web", true), upsert("sales-web", false), upsert("service-web", false));
        assertThat(api.postEvents(people).status()).isEqualTo(202);
        String trayId = createTray();

        // the customer
        browser.get(link("c-web", "customer-turn"));
        assertThat(browser.getTitle()).isEqualTo("Conferma d'ordine");
        assertThat(browser.findElement(By.id("stato")).getText()).isEqualTo("tocca a lei");
        assertThat(browser.getPageSource()).doesNotContain("Margine interno");
        replace("f-ragioneSociale", "Rossi S.r.l.");
        replace("f-partitaIva", "1234");
        click("request-otp");
        assertThat(browser.findElement(By.id("e-partitaIva")).getText()).isEqualTo("Formato non valido (11 cifre)");
        assertThat(browser.findElement(By.id("f-partitaIva")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.findElement(By.id("f-ragioneSociale")).getAttribute("value"))
                .isEqualTo("Rossi S.r.l.");
        screenshot("tray-customer-errors");
        replace("f-partitaIva", "12345678901");
        click("request-otp");
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("codice per SMS");
        screenshot("tray-customer-code");
        browser.findElement(By.id("f-otp")).sendKeys(code("c-web"));
        click("sign");
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).isEqualTo("Documento firmato. Grazie!");
        assertThat(browser.findElement(By.cssSelector("p.sig")).getText()).contains("Firmato da Cliente");
        screenshot("tray-customer-signed");

        // customer service
        browser.get(link("service-web", "service-turn"));
        assertThat(browser.findElement(By.id("esito-credito")).getText()).isEqualTo("Fido regolare");
        assertThat(browser.findElement(By.id("v-partitaIva")).getText()).isEqualTo("12345678901");
        click("submit");
        assertThat(browser.findElement(By.id("errori")).getText()).contains("Dati anagrafici e fiscali verificati");
        browser.findElement(By.cssSelector("label[for=f-datiVerificati]")).click();
        new Select(browser.findElement(By.id("f-fido"))).selectByVisibleText("regolare");
        browser.findElement(By.id("f-noteServizio")).sendKeys("Cliente puntuale nei pagamenti");
        screenshot("tray-service");
        click("submit");
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("inviata");

        // sales: the completed document and its PDF
        browser.get(link("sales-web", "sales-turn"));
        assertThat(browser.findElement(By.id("stato")).getText()).isEqualTo("completato");
        WebElement pdf = browser.findElement(By.cssSelector("a.pdf"));
        assertThat(pdf.getAttribute("href")).endsWith("/document");
        assertThat(browser.getPageSource()).contains("Cliente puntuale nei pagamenti", "Margine interno");
        screenshot("tray-sales-completed");
        assertThat(api.clockAdvance("PT0S").status()).isEqualTo(200);
        assertThat(trayId).startsWith("tray-");
    }

    private void replace(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /** Clicks a form button and waits for the answer page to replace this one (no reading the old page). */
    private void click(String action) {
        org.openqa.selenium.WebElement button =
                browser.findElement(By.cssSelector("button[name=_action][value=" + action + "]"));
        button.click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(30))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(button));
    }

    private void screenshot(String name) throws IOException {
        HeadlessChromium.screenshot((ChromeDriver) browser, root, name);
    }

    private String createTray() {
        ObjectNode body = StackApi.JSON.createObjectNode();
        body.put("template", "conferma-ordine");
        body.put("customerId", "c-web");
        ObjectNode data = body.putObject("data");
        data.put("prodotti", "2 x Caldaia X200\n1 x Kit installazione");
        data.put("totale", 4800);
        data.put("margine", 12.5);
        data.put("ragioneSociale", "Rossi Srl");
        data.put("partitaIva", "1234567890");
        data.put("indirizzo", "Via Roma 1, 20121 Milano");
        data.put("pec", "amministrazione@example.invalid");
        body.putObject("parties").put("sales", "sales-web").put("service", "service-web");
        StackApi.Reply reply = api.postSigned("/trays", "application/json", body.toString());
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        return reply.body().path("trayId").asText();
    }

    private String code(String customer) {
        return message(customer, "otp").path("context").path("otp").asText();
    }

    private String link(String recipient, String step) {
        return message(recipient, step).path("links").path("tray").asText();
    }

    private JsonNode message(String recipient, String step) {
        for (int i = 0; i < 50; i++) {
            Optional<JsonNode> m = api.outbox(recipient).stream()
                    .filter(n -> n.path("step").asText().equals(step))
                    .reduce((a, b) -> b);
            if (m.isPresent()) return m.get();
            api.clockAdvance("PT0S");
        }
        throw new AssertionError("no " + step + " message for " + recipient);
    }

    private static CustomerEvent upsert(String id, boolean phone) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segment", "b2b");
        data.put("comune", "015146");
        data.put("email", id + "@example.invalid");
        if (phone) data.put("phone", "+393331234567");
        data.put("consent", Map.of("email", true, "sms", true));
        return new CustomerEvent("up-" + id, "e2e", "customer.upserted", id, START.minus(Duration.ofDays(1)), data);
    }
}
