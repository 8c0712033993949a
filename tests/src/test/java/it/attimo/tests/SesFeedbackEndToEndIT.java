package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.testing.SnsTestSigner;
import it.attimo.tests.support.SnsTrustingStack;
import it.attimo.tests.support.StackApi;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What SES says about a journey's e-mail, over HTTP on the embedded stack: SNS messages signed with a test certificate
 * the stack is told to trust ({@code attimo.sns.certificate-file}) post the AWS documented event shapes to
 * {@code POST /webhooks/ses}; each becomes an {@code email.*} event of the message (attributed through the ledger's
 * provider id), a permanent bounce makes the address unreachable, a complaint withdraws e-mail consent, opens and
 * clicks are written on the message. A forged one is refused and changes nothing.
 */
class SesFeedbackEndToEndIT {
    private static final String SECRET = "e2e-secret";
    /** Wednesday 10 June 2026, 07:00 in Milan: the welcome e-mail goes out this morning. */
    private static final Instant T0 = Instant.parse("2026-06-10T05:00:00Z");

    private final SnsTestSigner signer = new SnsTestSigner();
    private SnsTrustingStack stack;
    private StackApi api;

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        stack = SnsTrustingStack.start(TemplateConsistency.findProjectRoot(Path.of("")), dir, T0, SECRET);
        api = stack.api();
    }

    @AfterEach
    void stop() {
        if (stack != null) stack.close();
    }

    /** A customer whose post-purchase welcome e-mail went out; returns the provider id SES would have given it. */
    private String welcomeSentTo(String customer) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segment", "b2c");
        data.put("comune", "015146");
        data.put("email", customer + "@example.invalid");
        data.put("consent", Map.of("email", true));
        CustomerEvent upsert = new CustomerEvent("up-" + customer, "e2e", "customer.upserted", customer, T0, data);
        CustomerEvent delivered = new CustomerEvent(
                "del-" + customer, "e2e", "order.delivered", customer, T0.plusSeconds(60), Map.of("orderId", "o-1"));
        assertThat(api.postEvents(List.of(upsert, delivered)).status()).isEqualTo(202);
        assertThat(api.clockSet(T0.plus(Duration.ofHours(8))).status()).isEqualTo(200);
        JsonNode welcome = api.outbox(customer).stream()
                .filter(m -> m.path("step").asText().equals("welcome"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no welcome e-mail for " + customer));
        // the local outbox is the provider: its id for the message is outbox:<messageKey>
        return "outbox:" + welcome.path("messageKey").asText();
    }

    private StackApi.Reply postSes(String fixture, String providerId) {
        String message = SnsTestSigner.text("/events/" + fixture).replace("MSGID", providerId);
        return api.post(
                "/webhooks/ses",
                "text/plain; charset=UTF-8",
                signer.notification(message, Instant.now(), "2"),
                "x-amz-sns-message-type",
                "Notification");
    }

    private void settle() {
        assertThat(api.clockAdvance("PT1M").status()).isEqualTo(200);
    }

    @Test
    void aPermanentBounceMakesTheAddressUnreachable() {
        String provider = welcomeSentTo("ses-bounce-1");
        assertThat(api.get("/profiles/ses-bounce-1")
                        .body()
                        .path("reachable")
                        .path("email")
                        .asBoolean())
                .isTrue();

        StackApi.Reply reply = postSes("ses-bounce.json", provider);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
        assertThat(reply.body().path("accepted").asInt()).isEqualTo(1);
        settle();

        JsonNode profile = api.get("/profiles/ses-bounce-1").body();
        assertThat(profile.path("reachable").path("email").asBoolean()).isFalse();
        assertThat(profile.path("eventCounts").path("email.bounced").asInt()).isEqualTo(1);
    }

    @Test
    void aComplaintWithdrawsEmailConsentAndOpensAndClicksCountOnce() {
        String provider = welcomeSentTo("ses-complaint-1");
        assertThat(postSes("ses-open.json", provider).status()).isEqualTo(202);
        assertThat(postSes("ses-open.json", provider).status()).isEqualTo(202); // SNS retried it
        assertThat(postSes("ses-click.json", provider).status()).isEqualTo(202);
        assertThat(postSes("ses-complaint.json", provider).status()).isEqualTo(202);
        settle();

        JsonNode profile = api.get("/profiles/ses-complaint-1").body();
        assertThat(profile.path("consents").path("email").path("granted").asBoolean())
                .isFalse();
        assertThat(profile.path("consents").path("email").path("source").asText())
                .isEqualTo("ses-complaint");
        assertThat(profile.path("eventCounts").path("email.opened").asInt()).isEqualTo(1);
        assertThat(profile.path("eventCounts").path("email.clicked").asInt()).isEqualTo(1);

        // the message itself: every outcome written once on its ledger record, attributed by SES's message id
        JsonNode welcome = null;
        for (JsonNode m :
                api.signedCall("GET", "/profiles/ses-complaint-1/export").body().path("messages")) {
            if (m.path("step").asText().equals("welcome")
                    && m.path("status").asText().equals("SENT")) welcome = m;
        }
        assertThat(welcome).isNotNull();
        assertThat(welcome.path("providerMessageId").asText()).isEqualTo(provider);
        assertThat(welcome.path("outcomes").path("email.opened").asText()).isEqualTo("2026-06-10T10:22:19.652Z");
        assertThat(welcome.path("outcomes").path("email.clicked").asText()).isEqualTo("2026-06-10T10:25:25.570Z");
        assertThat(welcome.path("outcomes").has("email.complained")).isTrue();
    }

    @Test
    void aForgedOrUnattributableNotificationChangesNoProfile() throws Exception {
        String provider = welcomeSentTo("ses-forged-1");
        String message = SnsTestSigner.text("/events/ses-complaint.json").replace("MSGID", provider);
        String signed = signer.notification(message, Instant.now(), "1");
        String forged = signed.replace("abuse", "not-spam");
        assertThat(forged).isNotEqualTo(signed);
        StackApi.Reply refused = api.post("/webhooks/ses", "text/plain", forged);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().path("error").asText()).isEqualTo("unauthorized");

        StackApi.Reply stranger = postSes("ses-bounce.json", "not-a-message-of-attimo");
        assertThat(stranger.status()).isEqualTo(202);
        assertThat(stranger.body().path("rejected").asInt()).isEqualTo(1);
        settle();

        JsonNode profile = api.get("/profiles/ses-forged-1").body();
        assertThat(profile.path("consents").path("email").path("granted").asBoolean())
                .isTrue();
        assertThat(profile.path("reachable").path("email").asBoolean()).isTrue();
        assertThat(api.get("/quarantine").raw()).contains("not-a-message-of-attimo");
    }

    @Test
    void aSubscriptionConfirmationIsConfirmedAndABadBodyIsAPreciseError() {
        StackApi.Reply confirmed = api.post(
                "/webhooks/ses",
                "text/plain",
                signer.subscriptionConfirmation(
                        "https://sns.eu-south-1.amazonaws.com/?Action=ConfirmSubscription&Token=t", Instant.now()));
        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(200);
        assertThat(confirmed.body().path("confirmed").asBoolean()).isTrue();

        StackApi.Reply bad = api.post("/webhooks/ses", "text/plain", "{\"Type\":\"Notification\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("message").asText()).contains("MessageId");
    }
}
