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
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One-click unsubscribe end to end over HTTP on the embedded stack: a customer in Rome gets the post-purchase survey
 * (which carries {@code links.unsubscribe}); the link's {@code GET} changes nothing, its {@code POST} with {@code
 * List-Unsubscribe=One-Click} withdraws e-mail marketing through the queue; the accessories and repurchase e-mails
 * planned before the click are suppressed at dispatch, while a delivery-delay apology (transactional) still goes.
 */
class OneClickUnsubscribeIT {
    private static final String SECRET = "unsubscribe-it-secret";
    private static final String CUSTOMER = "unsub-roma";
    /** Wednesday 3 June 2026, 11:00 in Italy. */
    private static final Instant DELIVERED = Instant.parse("2026-06-03T09:00:00Z");

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
    void theClickStopsMarketingPlannedBeforeItButNotTheDelayApology() {
        StackApi.Reply reply = api.postEvents(List.of(
                upserted(CUSTOMER, "unsub-it", DELIVERED, b2cWithEmailConsent(CUSTOMER, ROMA)),
                microwaveDelivered(CUSTOMER, "ORD-RM-1", "unsub-it", DELIVERED)));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
        assertThat(reply.body().path("rejected").asInt()).as(reply.raw()).isZero();

        // hour by hour until the survey (48 h) is out; the accessories e-mail (centro: 76 h) is still planned
        JsonNode survey = null;
        for (int hour = 1; hour <= 75 && survey == null; hour++) {
            assertThat(api.clockSet(DELIVERED.plus(Duration.ofHours(hour))).status())
                    .isEqualTo(200);
            survey = sent("survey").orElse(null);
        }
        assertThat(survey).as("the survey went before the accessories were due").isNotNull();
        assertThat(sent("accessories")).isEmpty();
        String link = survey.path("links").path("unsubscribe").asText();
        assertThat(link).contains("/unsubscribe/v1.").doesNotContain(CUSTOMER);
        String path = URI.create(link).getPath();
        assertThat(survey.path("headers").path("List-Unsubscribe").asText()).isEqualTo("<" + link + ">");
        assertThat(survey.path("headers").path("List-Unsubscribe-Post").asText())
                .isEqualTo("List-Unsubscribe=One-Click");
        assertThat(api.outbox(CUSTOMER))
                .filteredOn(m -> m.path("step").asText().equals("welcome"))
                .singleElement()
                .satisfies(m -> assertThat(m.has("headers"))
                        .as("a service e-mail has none")
                        .isFalse());

        StackApi.Reply page = api.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw())
                .contains("List-Unsubscribe", "One-Click", "<form")
                .doesNotContain(CUSTOMER);
        assertThat(consents().has("email:marketing")).as("GET changes nothing").isFalse();

        long clicked = System.nanoTime();
        StackApi.Reply done = api.post(path, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertThat(done.status()).as(done.raw()).isEqualTo(200);
        JsonNode withdrawn = null;
        while (withdrawn == null
                && System.nanoTime() - clicked < Duration.ofSeconds(30).toNanos()) {
            JsonNode c = consents().get("email:marketing");
            if (c != null) withdrawn = c;
            else api.clockAdvance("PT0S");
        }
        long millis = Duration.ofNanos(System.nanoTime() - clicked).toMillis();
        System.out.println("one-click unsubscribe: POST to the withdrawal on the profile in " + millis + " ms");
        assertThat(withdrawn).as("the withdrawal reached the profile").isNotNull();
        assertThat(withdrawn.path("granted").asBoolean()).isFalse();
        assertThat(withdrawn.path("source").asText()).isEqualTo("one-click-unsubscribe");
        assertThat(consents().get("email").path("granted").asBoolean())
                .as("the channel stays consented")
                .isTrue();

        // a second click changes nothing more
        StackApi.Reply again = api.post(path, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertThat(again.status()).isEqualTo(200);
        api.clockAdvance("PT0S");
        assertThat(consents().get("email:marketing").path("at").asText())
                .isEqualTo(withdrawn.path("at").asText());

        // a delivery delay on another order: the apology (transactional) still goes
        StackApi.Reply delay = api.postEvents(List.of(new CustomerEvent(
                "delay-ORD-RM-2",
                "unsub-it",
                "delivery.delayed",
                CUSTOMER,
                Instant.parse(api.get("/admin/clock").body().path("now").asText()),
                Map.of("orderId", "ORD-RM-2", "delayHours", 72, "reason", "sciopero"))));
        assertThat(delay.status()).as(delay.raw()).isEqualTo(202);
        assertThat(api.clockAdvance("PT2H").status()).isEqualTo(200);
        assertThat(api.outbox(CUSTOMER)).as("the apology went").anySatisfy(m -> {
            assertThat(m.path("journey").asText()).isEqualTo("delivery-delay");
            assertThat(m.path("step").asText()).isEqualTo("apology");
            assertThat(m.path("channel").asText()).isEqualTo("email");
        });

        // the marketing e-mails planned before the click are suppressed when due
        assertThat(api.clockSet(DELIVERED.plus(Duration.ofDays(10))).status()).isEqualTo(200);
        assertThat(sent("accessories")).isEmpty();
        assertThat(sent("repurchase")).isEmpty();
        StackApi.Reply export = api.signedCall("GET", "/profiles/" + CUSTOMER + "/export");
        assertThat(export.status()).as(export.raw()).isEqualTo(200);
        List<JsonNode> ledger = new ArrayList<>();
        export.body().path("messages").forEach(ledger::add);
        for (String step : List.of("accessories", "repurchase")) {
            assertThat(ledger).as(step).anySatisfy(m -> {
                assertThat(m.path("step").asText()).isEqualTo(step);
                assertThat(m.path("status").asText()).isEqualToIgnoringCase("suppressed");
                assertThat(m.path("reason").asText()).isEqualTo("consent for email marketing withdrawn");
            });
        }
    }

    @Test
    void aForgedOrMalformedLinkIsRefusedAndNamesNoOne() {
        String forged = new CustomerLinkToken("not-the-stack-secret", Clock.systemUTC())
                .sign(CUSTOMER, "unsubscribe", Duration.ofDays(90));
        StackApi.Reply post =
                api.post("/unsubscribe/" + forged, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertThat(post.status()).isEqualTo(403);
        assertThat(post.raw()).contains("non è valido").doesNotContain(CUSTOMER);
        assertThat(api.get("/unsubscribe/" + forged).status()).isEqualTo(403);
        assertThat(api.post("/unsubscribe/" + forged, "text/plain", "anything").status())
                .as("the link is judged before the body")
                .isEqualTo(403);
        assertThat(api.get("/unsubscribe/nonsense").status()).isEqualTo(404);
    }

    private static Optional<JsonNode> sent(String step) {
        return api.outbox(CUSTOMER).stream()
                .filter(m -> m.path("journey").asText().equals("post-purchase"))
                .filter(m -> step.equals(m.path("step").asText()))
                .findFirst();
    }

    private static JsonNode consents() {
        StackApi.Reply profile = api.get("/profiles/" + CUSTOMER);
        assertThat(profile.status()).as(profile.raw()).isEqualTo(200);
        return profile.body().path("consents");
    }
}
