package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.tests.support.StackApi;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The other systems the seeds name, over HTTP on the embedded stack, with their documented payload shapes: a
 * Mailchimp list webhook (form-encoded) changes consent and contact details, behind a secret path segment; a
 * Salesforce Outbound Message (SOAP) of a delivered Order starts the post-purchase journey and is acknowledged.
 */
class CrmWebhooksEndToEndIT {
    private static final String SECRET = "e2e-secret";
    private static final String MAILCHIMP_SECRET = "mc-e2e-path-secret";
    private static final Instant T0 = Instant.parse("2026-06-10T08:00:00Z");

    private LocalStack stack;
    private StackApi api;

    @BeforeEach
    void start() {
        System.setProperty("attimo.secrets.mailchimp", MAILCHIMP_SECRET);
        System.setProperty("attimo.salesforce.organization-ids", "00D5g000004ABCDEAZ");
        Path root = TemplateConsistency.findProjectRoot(Path.of(""));
        stack = LocalStack.start(StackOptions.inMemory(root, T0, SECRET));
        api = new StackApi(() -> stack.baseUrl(), SECRET);
    }

    @AfterEach
    void stop() {
        System.clearProperty("attimo.secrets.mailchimp");
        System.clearProperty("attimo.salesforce.organization-ids");
        if (stack != null) stack.close();
    }

    private void customer(String id, String email) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segment", "b2c");
        data.put("email", email);
        data.put("consent", Map.of("email", true));
        assertThat(api.postEvents(List.of(new CustomerEvent("up-" + id, "e2e", "customer.upserted", id, T0, data)))
                        .status())
                .isEqualTo(202);
        api.clockAdvance("PT1M");
    }

    private StackApi.Reply mailchimp(String secret, String form) {
        return api.post("/webhooks/mailchimp/" + secret, "application/x-www-form-urlencoded", form);
    }

    @Test
    void aMailchimpUnsubscribeWithdrawsEmailConsentAndUpemailChangesTheAddress() {
        customer("mc-1", "Anna.Rossi@example.com");
        StackApi.Reply unsub = mailchimp(
                MAILCHIMP_SECRET,
                "type=unsubscribe&fired_at=2026-06-10+09%3A00%3A00&data%5Baction%5D=unsub&data%5Breason%5D=manual"
                        + "&data%5Bid%5D=8a25ff1d98&data%5Blist_id%5D=a6b5da1054"
                        + "&data%5Bemail%5D=anna.rossi%40example.com&data%5Bemail_type%5D=html"
                        + "&data%5Bmerges%5D%5BEMAIL%5D=anna.rossi%40example.com&data%5Bmerges%5D%5BFNAME%5D=Anna"
                        + "&data%5Bip_opt%5D=10.20.10.30&data%5Bcampaign_id%5D=cb398d21d2");
        assertThat(unsub.status()).as(unsub.raw()).isEqualTo(202);
        assertThat(unsub.body().path("accepted").asInt()).isEqualTo(1);
        api.clockAdvance("PT2H");

        JsonNode consent = api.get("/profiles/mc-1").body().path("consents").path("email");
        assertThat(consent.path("granted").asBoolean()).isFalse();
        assertThat(consent.path("source").asText()).isEqualTo("mailchimp:unsubscribe");

        assertThat(mailchimp(
                                MAILCHIMP_SECRET,
                                "type=upemail&fired_at=2026-06-10 10:00:00&data[list_id]=a6b5da1054"
                                        + "&data[new_id]=51da8c3259&data[new_email]=anna@example.org"
                                        + "&data[old_email]=anna.rossi@example.com")
                        .status())
                .isEqualTo(202);
        api.clockAdvance("PT2H");
        JsonNode export = api.signedCall("GET", "/profiles/mc-1/export").body();
        assertThat(export.path("contact").path("email").asText()).isEqualTo("anna@example.org");
    }

    @Test
    void aWrongSecretIsNotFoundAndTheValidationGetAnswers() {
        customer("mc-2", "bruno@example.com");
        assertThat(api.get("/webhooks/mailchimp/" + MAILCHIMP_SECRET).status()).isEqualTo(200);
        assertThat(api.get("/webhooks/mailchimp/guess").status()).isEqualTo(404);
        StackApi.Reply wrong = mailchimp(
                "guess", "type=cleaned&fired_at=2026-06-10 09:00:00&data[reason]=hard&data[email]=bruno@example.com");
        assertThat(wrong.status()).isEqualTo(404);
        StackApi.Reply bad = mailchimp(MAILCHIMP_SECRET, "type=cleaned&fired_at=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("message").asText()).contains("fired_at");
        api.clockAdvance("PT1H");
        assertThat(api.get("/profiles/mc-2")
                        .body()
                        .path("consents")
                        .path("email")
                        .path("granted")
                        .asBoolean())
                .isTrue();
    }

    private StackApi.Reply salesforce(String xml) {
        return api.post("/webhooks/salesforce", "text/xml; charset=utf-8", xml);
    }

    @Test
    void aSalesforceOrderDeliveredStartsThePostPurchaseJourneyAndIsAcknowledged() {
        String customer = "sf-0015g00000CUST01";
        customer(customer, "cliente@example.com");
        String xml = it.attimo.core.testing.SnsTestSigner.text("/events/salesforce-order-delivered.xml")
                .replace("2026-06-10T08:30:00.000Z", "2026-06-10T08:01:00.000Z");

        StackApi.Reply ack = salesforce(xml);
        assertThat(ack.status()).as(ack.raw()).isEqualTo(200);
        assertThat(ack.raw()).contains("<Ack>true</Ack>").contains("notificationsResponse");
        assertThat(salesforce(xml).status()).as("Salesforce retried").isEqualTo(200);
        api.clockAdvance("PT8H");

        JsonNode profile = api.get("/profiles/" + customer).body();
        assertThat(profile.path("eventCounts").path("order.delivered").asInt()).isEqualTo(1);
        assertThat(profile.path("journeys"))
                .singleElement()
                .satisfies(j -> assertThat(j.path("journey").asText()).isEqualTo("post-purchase"));
        assertThat(api.outbox(customer))
                .extracting(m -> m.path("step").asText())
                .contains("welcome");
        // the delay notification's customer is unknown to Attimo until now: its profile starts with the event
        assertThat(api.get("/profiles/sf-0015g00000CUST02")
                        .body()
                        .path("eventCounts")
                        .path("delivery.delayed")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void anUnknownOrganizationOrAnExternalEntityIsRefusedAndNothingStarts() {
        String xml = it.attimo.core.testing.SnsTestSigner.text("/events/salesforce-order-delivered.xml");
        StackApi.Reply other = salesforce(xml.replace("00D5g000004ABCDEAZ", "00D5g000009ZZZZEAZ"));
        assertThat(other.status()).isEqualTo(401);
        StackApi.Reply xxe = salesforce(
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + "<x>&e;</x>");
        assertThat(xxe.status()).isEqualTo(400);
        assertThat(xxe.raw()).contains("DOCTYPE").doesNotContain("root:");
        api.clockAdvance("PT1H");
        assertThat(api.get("/profiles/sf-0015g00000CUST01").status()).isEqualTo(404);
    }
}
