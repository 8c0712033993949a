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
 * What the SMS provider says about a journey's SMS, over HTTP on the embedded stack: End User Messaging SMS events
 * (the AWS documented shape, SNS-signed with the test certificate) on {@code POST /webhooks/sns-sms} become {@code
 * sms.delivered} / {@code sms.failed} of the message, written on its ledger record; an invalid number makes SMS
 * unreachable. No phone number is kept.
 */
class SmsStatusEndToEndIT {
    private static final String SECRET = "e2e-secret";
    /** Wednesday 10 June 2026, 07:00 in Milan. */
    private static final Instant T0 = Instant.parse("2026-06-10T05:00:00Z");

    private static final String PHONE = "+393331234567";
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

    private StackApi.Reply postStatus(String eventType, String providerId) {
        String message = "{\"eventType\":\"" + eventType + "\",\"eventVersion\":\"1.0\","
                + "\"eventTimestamp\":" + T0.plus(Duration.ofHours(10)).toEpochMilli() + ",\"isFinal\":true,"
                + "\"originationPhoneNumber\":\"+393400000001\",\"destinationPhoneNumber\":\"" + PHONE + "\","
                + "\"isoCountryCode\":\"IT\",\"messageId\":\"" + providerId + "\",\"messageType\":\"TRANSACTIONAL\","
                + "\"messageStatusDescription\":\"status of the test\",\"totalMessageParts\":1}";
        return api.post(
                "/webhooks/sns-sms",
                "text/plain; charset=UTF-8",
                signer.notification(message, Instant.now(), "2"),
                "x-amz-sns-message-type",
                "Notification");
    }

    @Test
    void deliveredAndFailedStatusesReachTheMessageAndAnInvalidNumberIsUnreachable() {
        String customer = "sms-status-1";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segment", "b2c");
        data.put("comune", "015146");
        data.put("phone", PHONE);
        data.put("consent", Map.of("sms", true));
        assertThat(api.postEvents(List.of(
                                new CustomerEvent("up-" + customer, "e2e", "customer.upserted", customer, T0, data),
                                new CustomerEvent(
                                        "del-" + customer,
                                        "e2e",
                                        "order.delivered",
                                        customer,
                                        T0.plusSeconds(60),
                                        Map.of("orderId", "o-1"))))
                        .status())
                .isEqualTo(202);
        assertThat(api.clockSet(T0.plus(Duration.ofHours(12))).status()).isEqualTo(200);
        JsonNode welcome = api.outbox(customer).stream()
                .filter(m -> m.path("step").asText().equals("welcome"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no welcome for " + customer));
        assertThat(welcome.path("channel").asText()).isEqualTo("sms");
        String provider = "outbox:" + welcome.path("messageKey").asText();

        StackApi.Reply delivered = postStatus("TEXT_DELIVERED", provider);
        assertThat(delivered.status()).as(delivered.raw()).isEqualTo(202);
        assertThat(delivered.body().path("accepted").asInt()).isEqualTo(1);
        assertThat(postStatus("TEXT_DELIVERED", provider).status()).isEqualTo(202); // SNS retried it
        assertThat(postStatus("TEXT_QUEUED", provider).body().path("ignored").asInt())
                .isEqualTo(1);
        assertThat(api.clockAdvance("PT1M").status()).isEqualTo(200);

        JsonNode profile = api.get("/profiles/" + customer).body();
        assertThat(profile.path("eventCounts").path("sms.delivered").asInt()).isEqualTo(1);
        assertThat(profile.path("reachable").path("sms").asBoolean()).isTrue();

        assertThat(postStatus("TEXT_INVALID", provider).status()).isEqualTo(202);
        assertThat(api.clockAdvance("PT1M").status()).isEqualTo(200);
        profile = api.get("/profiles/" + customer).body();
        assertThat(profile.path("eventCounts").path("sms.failed").asInt()).isEqualTo(1);
        assertThat(profile.path("reachable").path("sms").asBoolean()).isFalse();

        JsonNode export =
                api.signedCall("GET", "/profiles/" + customer + "/export").body();
        JsonNode sent = null;
        for (JsonNode m : export.path("messages")) {
            if (m.path("step").asText().equals("welcome")
                    && m.path("status").asText().equals("SENT")) sent = m;
        }
        assertThat(sent).isNotNull();
        assertThat(sent.path("outcomes").path("sms.delivered").asText())
                .isEqualTo(T0.plus(Duration.ofHours(10)).toString());
        assertThat(sent.path("outcomes").has("sms.failed")).isTrue();
        for (JsonNode e : export.path("events")) {
            if (e.path("type").asText().startsWith("sms.")) {
                assertThat(e.path("data").toString()).doesNotContain(PHONE).doesNotContain("+393400000001");
            }
        }

        StackApi.Reply stranger = postStatus("TEXT_DELIVERED", "not-a-message-of-attimo");
        assertThat(stranger.body().path("rejected").asInt()).isEqualTo(1);
        assertThat(api.get("/quarantine").raw()).doesNotContain(PHONE);
    }
}
