package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.testing.SnsTestSigner;
import it.attimo.tests.support.SnsTrustingStack;
import it.attimo.tests.support.StackApi;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMS STOP over HTTP on the embedded stack: an inbound SMS (the SNS two-way SMS message shape) posted signed to
 * {@code POST /webhooks/sns-sms} withdraws the sender's SMS consent and puts exactly one confirmation SMS in the
 * outbox, however often STOP (or ANNULLA, CANCELLA, any case) is repeated; other texts change nothing.
 */
class SmsStopEndToEndIT {
    private static final String SECRET = "e2e-secret";
    private static final Instant T0 = Instant.parse("2026-06-10T08:00:00Z");

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

    private void customer(String id, String phone) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segment", "b2c");
        data.put("phone", phone);
        data.put("consent", Map.of("sms", true, "email", true));
        assertThat(api.postEvents(List.of(new CustomerEvent("up-" + id, "e2e", "customer.upserted", id, T0, data)))
                        .status())
                .isEqualTo(202);
    }

    private StackApi.Reply sms(String from, String text, String inboundId) {
        String message = "{\"originationNumber\":\"" + from + "\",\"destinationNumber\":\"+393400000000\","
                + "\"messageKeyword\":\"KEYWORD_393400000000\",\"messageBody\":\"" + text + "\","
                + "\"inboundMessageId\":\"" + inboundId + "\",\"previousPublishedMessageId\":\"prev-1\"}";
        return api.post(
                "/webhooks/sns-sms",
                "text/plain; charset=UTF-8",
                signer.notification(message, Instant.now(), "1"),
                "x-amz-sns-message-type",
                "Notification");
    }

    private List<JsonNode> confirmations(String customer) {
        return api.outbox(customer).stream()
                .filter(m -> m.path("template").asText().equals("sms-stop-confirmation"))
                .toList();
    }

    @Test
    void stopWithdrawsSmsConsentAndIsConfirmedExactlyOnce() {
        customer("sms-1", "+39 333 1234567");
        api.clockAdvance("PT1M");

        StackApi.Reply other = sms("+393331234567", "Grazie, a presto", "in-0");
        assertThat(other.status()).as(other.raw()).isEqualTo(202);
        api.clockAdvance("PT1M");
        assertThat(api.get("/profiles/sms-1")
                        .body()
                        .path("consents")
                        .path("sms")
                        .path("granted")
                        .asBoolean())
                .isTrue();

        StackApi.Reply stop = sms("+393331234567", "Stop", "in-1");
        assertThat(stop.status()).as(stop.raw()).isEqualTo(202);
        assertThat(stop.body().path("accepted").asInt()).isEqualTo(1);
        api.clockAdvance("PT1M");

        JsonNode consent = api.get("/profiles/sms-1").body().path("consents").path("sms");
        assertThat(consent.path("granted").asBoolean()).isFalse();
        assertThat(consent.path("source").asText()).isEqualTo("sms-stop");
        assertThat(confirmations("sms-1")).singleElement().satisfies(m -> {
            assertThat(m.path("channel").asText()).isEqualTo("sms");
            assertThat(m.path("kind").asText()).isEqualTo("service");
        });

        assertThat(sms("+393331234567", "ANNULLA", "in-2").status()).isEqualTo(202);
        assertThat(sms("+393331234567", "Stop", "in-1").status()).isEqualTo(202); // SNS redelivered the first
        api.clockAdvance("PT1M");
        assertThat(confirmations("sms-1")).hasSize(1);
        // e-mail consent is another matter
        assertThat(api.get("/profiles/sms-1")
                        .body()
                        .path("consents")
                        .path("email")
                        .path("granted")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void anUnknownNumberOrAForgedMessageChangesNothing() {
        customer("sms-2", "+393337654321");
        api.clockAdvance("PT1M");

        StackApi.Reply unknown = sms("+393330000000", "STOP", "in-9");
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unknown.body().path("ignored").asInt()).isEqualTo(1);

        String signed = signer.notification(
                "{\"originationNumber\":\"+393337654321\",\"messageBody\":\"Ciao\",\"inboundMessageId\":\"in-8\"}",
                Instant.now(),
                "2");
        StackApi.Reply forged = api.post("/webhooks/sns-sms", "text/plain", signed.replace("Ciao", "STOP"));
        assertThat(forged.status()).isEqualTo(401);
        api.clockAdvance("PT1M");

        assertThat(api.get("/profiles/sms-2")
                        .body()
                        .path("consents")
                        .path("sms")
                        .path("granted")
                        .asBoolean())
                .isTrue();
        assertThat(confirmations("sms-2")).isEmpty();
        assertThat(api.get("/quarantine").raw()).doesNotContain("393330000000");
    }
}
