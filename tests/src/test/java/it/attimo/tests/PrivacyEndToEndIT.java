package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.ingest.AttimoSignatureVerifier;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.tests.support.StackApi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The person's rights over HTTP on the embedded stack: {@code GET /profiles/{id}/export} returns everything held
 * (profile, contact details, the whole event log, every ledger record), {@code DELETE /profiles/{id}} erases it all
 * as HubSpot's privacy deletion does; both only when signed, and a late copy of an old event cannot bring them back.
 */
class PrivacyEndToEndIT {
    private static final String SECRET = "e2e-secret";
    private static final Instant T0 = Instant.parse("2026-06-10T05:00:00Z");
    private static final String C = "privacy-1";

    private LocalStack stack;
    private StackApi api;

    @BeforeEach
    void start() {
        Path root = TemplateConsistency.findProjectRoot(Path.of(""));
        stack = LocalStack.start(StackOptions.inMemory(root, T0, SECRET));
        api = new StackApi(() -> stack.baseUrl(), SECRET);
    }

    @AfterEach
    void stop() {
        if (stack != null) stack.close();
    }

    private CustomerEvent upsert() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segment", "b2c");
        data.put("comune", "015146");
        data.put("email", "persona@example.invalid");
        data.put("phone", "+393331234567");
        data.put("consent", Map.of("email", true, "sms", true));
        return new CustomerEvent("up-" + C, "e2e", "customer.upserted", C, T0, data);
    }

    private CustomerEvent delivered() {
        return new CustomerEvent("del-" + C, "e2e", "order.delivered", C, T0.plusSeconds(60), Map.of("orderId", "o-1"));
    }

    private void customerWithAWelcomeEmail() {
        assertThat(api.postEvents(List.of(upsert(), delivered())).status()).isEqualTo(202);
        assertThat(api.clockSet(T0.plus(Duration.ofHours(8))).status()).isEqualTo(200);
    }

    @Test
    void theExportHoldsEverythingOnThePersonAndOnlyThem() {
        customerWithAWelcomeEmail();

        StackApi.Reply export = api.signedCall("GET", "/profiles/" + C + "/export");
        assertThat(export.status()).as(export.raw()).isEqualTo(200);
        JsonNode body = export.body();
        assertThat(body.path("customerId").asText()).isEqualTo(C);
        assertThat(body.path("contact").path("email").asText()).isEqualTo("persona@example.invalid");
        assertThat(body.path("contact").path("phone").asText()).isEqualTo("+393331234567");
        assertThat(body.path("profile")
                        .path("consents")
                        .path("sms")
                        .path("granted")
                        .asBoolean())
                .isTrue();
        assertThat(body.path("events"))
                .extracting(e -> e.path("type").asText())
                .contains("customer.upserted", "order.delivered");
        assertThat(body.path("messages")).anySatisfy(m -> {
            assertThat(m.path("step").asText()).isEqualTo("welcome");
            assertThat(m.path("status").asText()).isEqualTo("SENT");
            // e-mail consent was given: that is the send's legal basis, recorded in the ledger
            assertThat(m.path("legalBasis").asText()).isEqualTo("consent");
        });
        assertThat(api.signedCall("GET", "/profiles/someone-else/export").status())
                .isEqualTo(404);
    }

    @Test
    void unsignedForgedOrStaleCallsAreRefusedAndChangeNothing() {
        customerWithAWelcomeEmail();
        assertThat(api.call("GET", "/profiles/" + C + "/export").status()).isEqualTo(401);
        assertThat(api.call("DELETE", "/profiles/" + C).status()).isEqualTo(401);

        long ts = System.currentTimeMillis();
        // a signature for another person's path does not open this one
        String other = AttimoSignatureVerifier.signRequest(SECRET, ts, "DELETE", "/profiles/another");
        assertThat(api.call(
                                "DELETE",
                                "/profiles/" + C,
                                AttimoSignatureVerifier.TIMESTAMP_HEADER,
                                Long.toString(ts),
                                AttimoSignatureVerifier.SIGNATURE_HEADER,
                                other)
                        .status())
                .isEqualTo(401);
        long stale = ts - Duration.ofMinutes(6).toMillis();
        assertThat(api.call(
                                "GET",
                                "/profiles/" + C + "/export",
                                AttimoSignatureVerifier.TIMESTAMP_HEADER,
                                Long.toString(stale),
                                AttimoSignatureVerifier.SIGNATURE_HEADER,
                                AttimoSignatureVerifier.signRequest(SECRET, stale, "GET", "/profiles/" + C + "/export"))
                        .status())
                .isEqualTo(401);

        api.clockAdvance("PT1M");
        assertThat(api.get("/profiles/" + C).status()).isEqualTo(200);
    }

    @Test
    void aSignedDeleteErasesEverythingAndALateCopyCannotBringThePersonBack() {
        customerWithAWelcomeEmail();

        StackApi.Reply erased = api.signedCall("DELETE", "/profiles/" + C);
        assertThat(erased.status()).as(erased.raw()).isEqualTo(202);
        assertThat(erased.body().path("status").asText()).isEqualTo("erasure_queued");
        api.clockAdvance("PT1M");

        assertThat(api.get("/profiles/" + C).status()).isEqualTo(404);
        assertThat(api.signedCall("GET", "/profiles/" + C + "/export").status()).isEqualTo(404);
        assertThat(api.outbox(C))
                .as("the outbox copy of a sent message is not Attimo's record")
                .isNotNull();

        // the shop retries the first delivery after the erasure
        assertThat(api.postEvents(List.of(upsert())).status()).isEqualTo(202);
        api.clockAdvance("PT1M");
        assertThat(api.get("/profiles/" + C).status()).isEqualTo(404);
        assertThat(api.signedCall("GET", "/profiles/" + C + "/export").status()).isEqualTo(404);

        // erasing again (or someone unknown) is accepted and changes nothing
        assertThat(api.signedCall("DELETE", "/profiles/" + C).status()).isEqualTo(202);
        assertThat(api.signedCall("DELETE", "/profiles/nobody").status()).isEqualTo(202);
    }

    @Test
    void someoneInactiveForTwentyFourMonthsIsErasedByTheDailyRetentionJob() {
        customerWithAWelcomeEmail();
        String other = "privacy-active";
        assertThat(api.clockSet(T0.plus(Duration.ofDays(366))).status()).isEqualTo(200);
        assertThat(api.get("/profiles/" + C).status()).isEqualTo(200);
        // someone else stays active: a recent event keeps them
        assertThat(api.clockSet(T0.plus(Duration.ofDays(700))).status()).isEqualTo(200);
        Instant recent = T0.plus(Duration.ofDays(700));
        assertThat(api.postEvents(List.of(new CustomerEvent("pa-1", "e2e", "portal.accessed", other, recent, Map.of())))
                        .status())
                .isEqualTo(202);
        assertThat(api.clockSet(T0.plus(Duration.ofDays(740))).status()).isEqualTo(200);

        assertThat(api.get("/profiles/" + C).status()).isEqualTo(404);
        assertThat(api.signedCall("GET", "/profiles/" + C + "/export").status()).isEqualTo(404);
        assertThat(api.get("/profiles/" + other).status()).isEqualTo(200);
    }
}
