package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.tests.support.HeadlessChromium;
import it.attimo.tests.support.StackApi;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The first-party form of seed 003 on somebody else's page, in a real browser: a shop page (served here on its own
 * origin, allowed in the touchpoint's {@code origins}) includes {@code /forms/preferenze.js} after it was built; a
 * visitor submits it empty and wrong, reads the errors next to the fields, corrects them and is thanked, and the
 * submission becomes the touchpoint's {@code preferences.updated} event on the customer's profile. The same form on a
 * page of an origin not on the list is refused, and says so. Skipped where no Chromium is installed.
 */
class EmbeddedFormBrowserIT {
    static final String SECRET = "embedded-form-secret";
    static final Instant START = Instant.parse("2026-06-09T08:00:00Z");

    private HttpServer shop;
    private HttpServer elsewhere;
    private LocalStack stack;
    private StackApi api;
    private Path root;
    private org.openqa.selenium.chrome.ChromeDriver browser;

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        root = TemplateConsistency.findProjectRoot(Path.of(""));
        browser = HeadlessChromium.start(412, 1400, "it-IT");
        shop = page();
        elsewhere = page();
        stack = LocalStack.start(
                StackOptions.inMemory(root, START, SECRET).withJourneysFile(journeysAllowing(root, dir, origin(shop))));
        api = new StackApi(() -> stack.baseUrl(), SECRET);
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.quit();
        if (stack != null) stack.close();
        if (shop != null) shop.stop(0);
        if (elsewhere != null) elsewhere.stop(0);
    }

    @Test
    void aVisitorFillsTheFormOnTheShopsPageAsAPersonWould() throws Exception {
        browser.get(origin(shop) + "/");
        WebElement form = browser.findElement(By.cssSelector("#preferenze form.attimo-form"));
        assertThat(form.getAttribute("data-form-id")).isEqualTo("preferenze");
        // labels tied to their inputs, required ones marked
        WebElement nameLabel = browser.findElement(By.cssSelector("label[for=attimo-preferenze-nome]"));
        assertThat(nameLabel.getText()).isEqualTo("Nome *");
        assertThat(browser.findElement(By.id("attimo-preferenze-email")).getAttribute("aria-required"))
                .isEqualTo("true");

        submit();
        awaitStatus("Controlli i campi segnalati.");
        assertThat(error("nome")).isEqualTo("Campo obbligatorio");
        assertThat(error("email")).isEqualTo("Campo obbligatorio");
        assertThat(browser.findElement(By.id("attimo-preferenze-nome")).getAttribute("aria-invalid"))
                .isEqualTo("true");

        browser.findElement(By.id("attimo-preferenze-nome")).sendKeys("Giulia");
        browser.findElement(By.id("attimo-preferenze-email")).sendKeys("giulia@");
        submit();
        awaitStatus("Controlli i campi segnalati.");
        assertThat(error("email")).isEqualTo("Indirizzo e-mail non valido");
        assertThat(browser.findElements(By.id("attimo-preferenze-nome-error"))).isEmpty();
        HeadlessChromium.screenshot(browser, root, "form-embedded-errors");

        WebElement email = browser.findElement(By.id("attimo-preferenze-email"));
        email.clear();
        email.sendKeys("giulia@example.invalid");
        new Select(browser.findElement(By.id("attimo-preferenze-interesse"))).selectByVisibleText("pompe di calore");
        browser.findElement(By.cssSelector("label[for=attimo-preferenze-newsletter]"))
                .click();
        submit();
        awaitStatus("Grazie! Abbiamo ricevuto le sue preferenze.");
        assertThat(form.getAttribute("data-sent")).isEqualTo("true");
        assertThat(browser.findElements(By.cssSelector(".attimo-error"))).isEmpty();
        HeadlessChromium.screenshot(browser, root, "form-embedded-sent");
        // Chromium logs each 400 it was answered as "Failed to load resource": provoked above on purpose
        assertThat(HeadlessChromium.consoleErrors(browser))
                .allMatch(m -> m.contains("Failed to load resource") && m.contains("/forms/preferenze"));

        // the submission is the touchpoint's event on the known customer's profile
        JsonNode profile = null;
        for (int i = 0; i < 50; i++) {
            api.clockAdvance("PT0S");
            StackApi.Reply reply = api.get("/profiles/c-form");
            if (reply.status() == 200
                    && reply.body()
                                    .path("eventCounts")
                                    .path("preferences.updated")
                                    .asInt()
                            == 1) {
                profile = reply.body();
                break;
            }
        }
        assertThat(profile)
                .as("the form's preferences.updated event on c-form's profile")
                .isNotNull();
        JsonNode inventory = api.get("/touchpoints").body();
        JsonNode formTouchpoint = null;
        for (JsonNode t : inventory.path("touchpoints")) {
            if (t.path("id").asText().equals("form-preferenze")) formTouchpoint = t;
        }
        assertThat(formTouchpoint).isNotNull();
        assertThat(formTouchpoint.path("events").asInt()).isEqualTo(1);
    }

    @Test
    void thePageOfAnotherOriginIsRefusedAndToldSo() throws Exception {
        browser.get(origin(elsewhere) + "/");
        browser.findElement(By.id("attimo-preferenze-nome")).sendKeys("Mallory");
        browser.findElement(By.id("attimo-preferenze-email")).sendKeys("m@example.invalid");
        submit();
        // the refusal carries no CORS permission for that origin: the page cannot read it, and says it did not work
        WebElement status = awaitStatusChange();
        assertThat(status.getText())
                .isIn(
                        "Questo modulo non può essere inviato da questa pagina.",
                        "Invio non riuscito: riprovi più tardi.");
        assertThat(browser.findElement(By.cssSelector("form.attimo-form")).getAttribute("data-sent"))
                .isNull();
        api.clockAdvance("PT0S");
        assertThat(api.get("/profiles/c-form").status()).isEqualTo(404);
    }

    private void submit() {
        browser.findElement(By.cssSelector("form.attimo-form button[type=submit]"))
                .click();
    }

    private void awaitStatus(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> text.equals(
                        d.findElement(By.cssSelector(".attimo-status")).getText()));
    }

    private WebElement awaitStatusChange() {
        WebElement status = browser.findElement(By.cssSelector(".attimo-status"));
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> !status.getText().isEmpty() && !status.getText().equals("Invio in corso…"));
        return status;
    }

    private String error(String field) {
        return browser.findElement(By.id("attimo-preferenze-" + field + "-error"))
                .getText();
    }

    /** A shop's page, built first, that then includes the form script from the Attimo stack. */
    private HttpServer page() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String html = "<!doctype html><html lang=\"it\"><head><meta charset=\"utf-8\"><title>Termoidraulica Rossi"
                    + "</title><meta name=\"viewport\" content=\"width=device-width\"></head><body><h1>Caldaie e"
                    + " pompe di calore</h1><p>Resti aggiornato sulle offerte.</p><div id=\"preferenze\"></div>"
                    + "<script src=\"" + stack.baseUrl().resolve("/forms/preferenze.js")
                    + "\" data-target=\"#preferenze\" data-customer=\"c-form\"></script></body></html>";
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static String origin(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The project's journeys, beside a touchpoints.json whose form also allows {@code origin}. */
    private static Path journeysAllowing(Path root, Path dir, String origin) throws IOException {
        Path statemachines = root.resolve("statemachines");
        try (var files = Files.list(statemachines)) {
            for (Path f : files.toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        ObjectNode touchpoints = (ObjectNode)
                StackApi.JSON.readTree(root.resolve("touchpoints.json").toFile());
        for (JsonNode t : touchpoints.path("touchpoints")) {
            if (t.path("form").path("formId").asText().equals("preferenze")) {
                ((ArrayNode) t.path("form").path("origins")).add(origin);
            }
        }
        Files.writeString(dir.resolve("touchpoints.json"), touchpoints.toPrettyString());
        return dir.resolve("journeys.json");
    }
}
