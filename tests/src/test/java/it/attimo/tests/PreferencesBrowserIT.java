package it.attimo.tests;

import static it.attimo.tests.support.CustomerFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.tests.support.HeadlessChromium;
import it.attimo.tests.support.StackApi;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The preference centre in a real browser (headless Chromium at a phone's size), used as a person would: the link of
 * the welcome e-mail in the outbox opens the page; they untick offers and surveys, choose the evening, an interest and
 * SMS as the preferred channel, tick SMS, save, and see what is stored; the profile holds it and the page, opened
 * again, shows it. Screenshots go to docs/screenshots/preferences-*.png. Skipped, with the reason, where no chromium
 * and chromedriver are installed.
 */
class PreferencesBrowserIT {
    static final String SECRET = "preferences-browser-secret";
    static final String CUSTOMER = "prefs-web";
    /** Wednesday 3 June 2026, 11:00 in Italy. */
    static final Instant DELIVERED = Instant.parse("2026-06-03T09:00:00Z");

    private LocalStack stack;
    private StackApi api;
    private ChromeDriver browser;
    private Path root;

    @BeforeEach
    void start() {
        browser = HeadlessChromium.start(412, 1900, "it-IT");
        root = TemplateConsistency.findProjectRoot(Path.of(""));
        stack = LocalStack.start(StackOptions.inMemory(root, DELIVERED.minus(Duration.ofMinutes(5)), SECRET));
        api = new StackApi(() -> stack.baseUrl(), SECRET);
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.quit();
        if (stack != null) stack.close();
    }

    @Test
    void aPersonChangesTheirChoicesFromTheLinkInAnEmailAndSeesThemStored() throws IOException {
        assertThat(api.postEvents(List.of(
                                upserted(
                                        CUSTOMER,
                                        "prefs-web",
                                        DELIVERED,
                                        withPhone(b2cWithEmailConsent(CUSTOMER, ROMA))),
                                microwaveDelivered(CUSTOMER, "ORD-WEB-1", "prefs-web", DELIVERED)))
                        .status())
                .isEqualTo(202);
        JsonNode welcome = null;
        for (int hour = 1; hour <= 6 && welcome == null; hour++) {
            assertThat(api.clockSet(DELIVERED.plus(Duration.ofHours(hour))).status())
                    .isEqualTo(200);
            welcome = api.outbox(CUSTOMER).stream()
                    .filter(m -> m.path("step").asText().equals("welcome"))
                    .findFirst()
                    .orElse(null);
        }
        assertThat(welcome).as("the welcome went").isNotNull();
        // the link points at the public base URL; here the stack answers on its own port
        String path =
                URI.create(welcome.path("links").path("preferences").asText()).getPath();
        String url = stack.baseUrl().resolve(path).toString();

        browser.get(url);
        assertThat(browser.getTitle()).isEqualTo("Le tue preferenze");
        assertThat(browser.findElement(By.id("consent-email")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("consent-sms")).isSelected()).isFalse();
        assertThat(browser.findElement(By.id("topic-offerte")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("timeBand-none")).isSelected()).isTrue();
        assertThat(browser.getPageSource()).doesNotContain(CUSTOMER);
        screenshot("preferences-page");

        label("topic-offerte");
        label("topic-sondaggi");
        label("consent-sms");
        label("preferredChannel-sms");
        label("timeBand-sera");
        label("interests-giardino");
        assertThat(browser.findElement(By.id("topic-offerte")).isSelected()).isFalse();
        assertThat(browser.findElement(By.id("timeBand-sera")).isSelected()).isTrue();
        screenshot("preferences-choices");

        WebElement save = browser.findElement(By.id("save"));
        save.click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(save));
        assertThat(browser.getTitle()).isEqualTo("Preferenze salvate");
        assertThat(browser.findElement(By.id("saved")).getText()).contains("Salvato");
        assertThat(browser.findElement(By.id("timeBand-sera")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("topic-offerte")).isSelected()).isFalse();
        assertThat(browser.findElement(By.id("topic-servizio")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("consent-sms")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("interests-giardino")).isSelected())
                .isTrue();
        screenshot("preferences-saved");

        JsonNode profile = api.get("/profiles/" + CUSTOMER).body();
        for (int i = 0; i < 50 && profile.path("preferences").path("timeBand").isNull(); i++) {
            api.clockAdvance("PT0S");
            profile = api.get("/profiles/" + CUSTOMER).body();
        }
        JsonNode stored = profile.path("preferences");
        assertThat(stored.path("timeBand").asText()).isEqualTo("sera");
        assertThat(stored.path("preferredChannel").asText()).isEqualTo("sms");
        assertThat(stored.path("interests").toString()).isEqualTo("[\"giardino\"]");
        assertThat(stored.path("topics").path("offerte").path("granted").asBoolean())
                .isFalse();
        assertThat(stored.path("topics").path("sondaggi").path("granted").asBoolean())
                .isFalse();
        assertThat(stored.path("topics").path("servizio").path("granted").asBoolean())
                .isTrue();
        assertThat(profile.path("consents").path("sms").path("granted").asBoolean())
                .isTrue();
        assertThat(profile.path("consents").path("sms").path("source").asText()).isEqualTo("preference-centre");

        browser.get(url);
        assertThat(browser.findElement(By.id("timeBand-sera")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("preferredChannel-sms")).isSelected())
                .isTrue();
        assertThat(browser.findElement(By.id("topic-sondaggi")).isSelected()).isFalse();
        assertThat(browser.findElement(By.id("updated")).getText()).startsWith("Ultimo aggiornamento");

        browser.findElement(By.linkText("English")).click();
        assertThat(browser.getTitle()).isEqualTo("Your preferences");
        assertThat(browser.findElement(By.id("timeBand-sera")).isSelected()).isTrue();
    }

    /** Clicks the control's label, as a thumb would on a phone. */
    private void label(String id) {
        browser.findElement(By.cssSelector("label[for=" + id + "]")).click();
    }

    private void screenshot(String name) throws IOException {
        HeadlessChromium.screenshot(browser, root, name);
    }

    private static Map<String, Object> withPhone(Map<String, Object> data) {
        data.put("phone", "+393331234567");
        return data;
    }
}
