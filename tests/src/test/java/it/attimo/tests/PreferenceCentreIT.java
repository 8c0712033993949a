package it.attimo.tests;

import static it.attimo.tests.support.CustomerFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.message.CustomerLinkToken;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.tests.support.StackApi;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The preference centre end to end over HTTP on the embedded stack: the welcome e-mail of a customer in Rome carries
 * {@code links.preferences}; the page it leads to shows what the profile holds; a POST of the page's form withdraws
 * topics and sets a time band, interests and a preferred channel through the queue (the profile shows them, and the
 * page again); the survey and the accessories planned before the save are suppressed when due, while a delivery-delay
 * apology (transactional) still goes. Links that do not stand, and values the page does not offer, change nothing.
 */
class PreferenceCentreIT {
    private static final String SECRET = "preferences-it-secret";
    private static final String CUSTOMER = "prefs-roma";
    /** Wednesday 3 June 2026, 11:00 in Italy. */
    private static final Instant DELIVERED = Instant.parse("2026-06-03T09:00:00Z");

    private static final Pattern STAMP = Pattern.compile("name=\"stamp\" value=\"([^\"]+)\"");
    private static LocalStack stack;
    private static StackApi api;

    @BeforeAll
    static void start() {
        Path root = TemplateConsistency.findProjectRoot(Path.of(""));
        stack = LocalStack.start(StackOptions.inMemory(root, DELIVERED.minus(Duration.ofMinutes(5)), SECRET));
        api = new StackApi(() -> stack.baseUrl(), SECRET);
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void thePageRoundTripChangesTheProfileAndTheSendsThatFollow() {
        StackApi.Reply reply = api.postEvents(List.of(
                upserted(CUSTOMER, "prefs-it", DELIVERED, b2cWithEmailConsent(CUSTOMER, ROMA)),
                microwaveDelivered(CUSTOMER, "ORD-PR-1", "prefs-it", DELIVERED)));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
        assertThat(reply.body().path("rejected").asInt()).as(reply.raw()).isZero();

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
        String link = welcome.path("links").path("preferences").asText();
        assertThat(link).contains("/preferences/v1.").doesNotContain(CUSTOMER);
        assertThat(welcome.path("text").asText()).contains(link);
        String path = URI.create(link).getPath();

        StackApi.Reply page = api.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw())
                .contains("<html lang=\"it\"", "Come vuoi essere contattato", "<form method=\"post\"")
                .contains("id=\"consent-email\" value=\"yes\" checked")
                .contains("id=\"consent-sms\" value=\"yes\">")
                .contains("id=\"topic-offerte\" value=\"yes\" checked")
                .contains("id=\"timeBand-none\" value=\"\" checked")
                .contains("value=\"elettrodomestici\"", "value=\"giardino\"")
                .doesNotContain(CUSTOMER)
                .doesNotContain("@example");
        assertThat(api.get(path + "?lang=en").raw()).contains("<html lang=\"en\"", "How we contact you");
        assertThat(preferences().path("timeBand").isNull())
                .as("GET changes nothing")
                .isTrue();

        Matcher stamp = STAMP.matcher(page.raw());
        assertThat(stamp.find()).isTrue();
        String form = "stamp=" + stamp.group(1)
                + "&consent.email=no&consent.email=yes&consent.sms=no&consent.push=no"
                + "&topic.servizio=no&topic.offerte=no&topic.sondaggi=no&topic.novita=no&topic.novita=yes"
                + "&preferredChannel=email&timeBand=mattina&interests=&interests=giardino";
        StackApi.Reply saved = api.post(path, "application/x-www-form-urlencoded", form);
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        assertThat(saved.raw())
                .contains("Salvato")
                .contains("id=\"timeBand-mattina\" value=\"mattina\" checked")
                .contains("id=\"topic-offerte\" value=\"yes\">")
                .contains("id=\"interests-giardino\" value=\"giardino\" checked")
                .doesNotContain(CUSTOMER);

        JsonNode stored = preferences();
        for (int i = 0; i < 50 && stored.path("timeBand").isNull(); i++) {
            api.clockAdvance("PT0S");
            stored = preferences();
        }
        assertThat(stored.path("timeBand").asText()).isEqualTo("mattina");
        assertThat(stored.path("preferredChannel").asText()).isEqualTo("email");
        assertThat(stored.path("interests").toString()).isEqualTo("[\"giardino\"]");
        assertThat(stored.path("source").asText()).isEqualTo("preference-centre");
        for (String topic : List.of("servizio", "offerte", "sondaggi")) {
            assertThat(stored.path("topics").path(topic).path("granted").asBoolean())
                    .as(topic)
                    .isFalse();
        }
        assertThat(stored.path("topics").path("novita").path("granted").asBoolean())
                .isTrue();
        JsonNode consents = profile().path("consents");
        assertThat(consents.path("email").path("granted").asBoolean()).isTrue();
        assertThat(consents.has("sms"))
                .as("no decision recorded, left unchosen: nothing recorded")
                .isFalse();

        // the same form again is a duplicate: nothing changes
        String updatedAt = stored.path("updatedAt").asText();
        assertThat(api.post(path, "application/x-www-form-urlencoded", form).status())
                .isEqualTo(200);
        api.clockAdvance("PT0S");
        assertThat(preferences().path("updatedAt").asText()).isEqualTo(updatedAt);

        assertThat(api.get(path).raw())
                .contains("id=\"timeBand-mattina\" value=\"mattina\" checked")
                .contains("id=\"preferredChannel-email\" value=\"email\" checked")
                .contains("id=\"topic-sondaggi\" value=\"yes\">")
                .contains("Ultimo aggiornamento");

        // a value the page does not offer: 400, nothing changes
        StackApi.Reply bad = api.post(path, "application/x-www-form-urlencoded", "timeBand=notte");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw()).contains("Non è stato modificato nulla");
        api.clockAdvance("PT0S");
        assertThat(preferences().path("timeBand").asText()).isEqualTo("mattina");

        // a delivery delay on another order: the apology (transactional) still goes
        StackApi.Reply delay = api.postEvents(List.of(new CustomerEvent(
                "delay-ORD-PR-2",
                "prefs-it",
                "delivery.delayed",
                CUSTOMER,
                Instant.parse(api.get("/admin/clock").body().path("now").asText()),
                Map.of("orderId", "ORD-PR-2", "delayHours", 72, "reason", "sciopero"))));
        assertThat(delay.status()).as(delay.raw()).isEqualTo(202);
        assertThat(api.clockAdvance("PT2H").status()).isEqualTo(200);
        assertThat(api.outbox(CUSTOMER)).as("the apology went").anySatisfy(m -> {
            assertThat(m.path("journey").asText()).isEqualTo("delivery-delay");
            assertThat(m.path("step").asText()).isEqualTo("apology");
            assertThat(m.path("links").path("preferences").asText()).contains("/preferences/v1.");
        });

        // the survey (sondaggi) and the accessories (offerte), planned before the save, are suppressed when due
        assertThat(api.clockSet(DELIVERED.plus(Duration.ofDays(10))).status()).isEqualTo(200);
        assertThat(api.outbox(CUSTOMER))
                .noneMatch(m -> List.of("survey", "accessories", "repurchase")
                        .contains(m.path("step").asText()));
        StackApi.Reply export = api.signedCall("GET", "/profiles/" + CUSTOMER + "/export");
        assertThat(export.status()).as(export.raw()).isEqualTo(200);
        List<JsonNode> ledger = new ArrayList<>();
        export.body().path("messages").forEach(ledger::add);
        for (Map.Entry<String, String> step : Map.of(
                        "survey", "topic sondaggi withdrawn", "accessories", "topic offerte withdrawn")
                .entrySet()) {
            assertThat(ledger).as(step.getKey()).anySatisfy(m -> {
                assertThat(m.path("step").asText()).isEqualTo(step.getKey());
                assertThat(m.path("status").asText()).isEqualToIgnoringCase("suppressed");
                assertThat(m.path("reason").asText()).isEqualTo(step.getValue());
            });
        }
    }

    @Test
    void aLinkThatDoesNotStandIsRefusedAndNamesNoOne() {
        String forged = new CustomerLinkToken("not-the-stack-secret", Clock.systemUTC())
                .sign(CUSTOMER, "preferences", Duration.ofDays(90));
        StackApi.Reply get = api.get("/preferences/" + forged);
        assertThat(get.status()).isEqualTo(403);
        assertThat(get.raw()).contains("non è valido").doesNotContain(CUSTOMER);
        StackApi.Reply post = api.post("/preferences/" + forged, "application/x-www-form-urlencoded", "timeBand=sera");
        assertThat(post.status()).isEqualTo(403);
        assertThat(api.post("/preferences/" + forged, "application/json", "{\"timeBand\":\"sera\"}")
                        .status())
                .as("the link is judged before the body")
                .isEqualTo(403);
        String otherPurpose =
                new CustomerLinkToken(SECRET, Clock.systemUTC()).sign(CUSTOMER, "unsubscribe", Duration.ofDays(90));
        assertThat(api.get("/preferences/" + otherPurpose).status()).isEqualTo(403);
        String expired = new CustomerLinkToken(SECRET, Clock.systemUTC())
                .sign(CUSTOMER, "preferences", Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(api.get("/preferences/" + expired).status()).isEqualTo(403);
        assertThat(api.get("/preferences/nonsense").status()).isEqualTo(404);
        assertThat(api.post("/preferences/nonsense", "application/x-www-form-urlencoded", "x=1")
                        .status())
                .isEqualTo(404);
        String stranger = new CustomerLinkToken(SECRET, Clock.systemUTC())
                .sign("prefs-nobody", "preferences", Duration.ofDays(3650));
        StackApi.Reply unknown = api.get("/preferences/" + stranger);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.raw()).doesNotContain("prefs-nobody");
    }

    private static JsonNode profile() {
        StackApi.Reply profile = api.get("/profiles/" + CUSTOMER);
        assertThat(profile.status()).as(profile.raw()).isEqualTo(200);
        return profile.body();
    }

    private static JsonNode preferences() {
        return profile().path("preferences");
    }
}
