package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.ingest.HubSpotSignatureVerifier;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.tests.support.StackApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HubSpot webhooks through the embedded stack's HTTP API: signature v3 over the URL the caller used (plain http
 * locally), v1, a forged request, the default mapping into a profile, and a privacy deletion that a late retry of
 * an older event cannot undo.
 */
class HubSpotWebhookEndToEndIT {
    private static final String SECRET = "e2e-secret";
    private static final String HUBSPOT_SECRET = "hubspot-e2e-secret";
    private static final Instant T0 = Instant.parse("2026-06-10T08:00:00Z");
    private static final long PORTAL = 4242;

    private LocalStack stack;
    private StackApi api;

    @BeforeEach
    void start() {
        Path root = TemplateConsistency.findProjectRoot(Path.of(""));
        StackOptions base = StackOptions.inMemory(root, T0, SECRET);
        stack = LocalStack.start(
                new StackOptions(base.home(), null, 0, T0, false, SECRET, HUBSPOT_SECRET, base.queueWorkers()));
        api = new StackApi(() -> stack.baseUrl(), SECRET);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private static String event(long eventId, String type, long objectId, String property, String value, Instant at) {
        return "{\"eventId\":" + eventId + ",\"subscriptionId\":1,\"portalId\":" + PORTAL + ",\"appId\":7,"
                + "\"occurredAt\":" + at.toEpochMilli() + ",\"subscriptionType\":\"" + type + "\",\"attemptNumber\":0,"
                + "\"objectId\":" + objectId
                + (property == null ? "" : ",\"propertyName\":\"" + property + "\",\"propertyValue\":\"" + value + "\"")
                + ",\"changeSource\":\"CRM\"}";
    }

    private StackApi.Reply postV3(String body, String secret) {
        String url = stack.baseUrl().resolve("/webhooks/hubspot").toString();
        long ts = System.currentTimeMillis();
        String signature =
                HubSpotSignatureVerifier.signV3(secret, "POST", url, body.getBytes(StandardCharsets.UTF_8), ts);
        return api.post(
                "/webhooks/hubspot",
                "application/json",
                body,
                HubSpotSignatureVerifier.V3_HEADER,
                signature,
                HubSpotSignatureVerifier.V3_TIMESTAMP,
                Long.toString(ts));
    }

    @Test
    void aSignedV3BatchBuildsTheProfileAndAForgedOneIsRefused() {
        String body = "[" + event(1, "contact.creation", 77, null, null, T0) + ","
                + event(2, "contact.propertyChange", 77, "attimo_comune", "015146", T0.plusSeconds(1)) + ","
                + event(3, "contact.propertyChange", 77, "attimo_segment", "b2b", T0.plusSeconds(2)) + ","
                + event(4, "contact.propertyChange", 77, "favourite_colour", "blue", T0.plusSeconds(3)) + "]";

        StackApi.Reply forged = postV3(body, "not-the-secret");
        assertThat(forged.status()).isEqualTo(401);

        StackApi.Reply reply = postV3(body, HUBSPOT_SECRET);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
        assertThat(reply.body().path("accepted").asInt()).isEqualTo(3);
        assertThat(reply.body().path("ignored").asInt()).isEqualTo(1);
        assertThat(api.clockSet(T0.plusSeconds(10)).status()).isEqualTo(200);

        var profile = api.get("/profiles/hs-" + PORTAL + "-77");
        assertThat(profile.status()).as(profile.raw()).isEqualTo(200);
        assertThat(profile.body().path("comune").asText()).isEqualTo("015146");
        assertThat(profile.body().path("segment").asText()).isEqualTo("b2b");
        assertThat(profile.body().path("region").asText()).isEqualTo("Lombardia");
    }

    @Test
    void aPrivacyDeletionErasesThePersonAndALateRetryCannotBringThemBack() {
        String v1Body = "[" + event(10, "contact.propertyChange", 88, "email", "person@example.invalid", T0) + ","
                + event(11, "contact.propertyChange", 88, "attimo_comune", "063049", T0.plusSeconds(1)) + "]";
        StackApi.Reply v1 = api.post(
                "/webhooks/hubspot",
                "application/json",
                v1Body,
                HubSpotSignatureVerifier.LEGACY_HEADER,
                HubSpotSignatureVerifier.signV1(HUBSPOT_SECRET, v1Body.getBytes(StandardCharsets.UTF_8)),
                HubSpotSignatureVerifier.LEGACY_VERSION,
                "v1");
        assertThat(v1.status()).as(v1.raw()).isEqualTo(202);
        assertThat(api.clockSet(T0.plusSeconds(10)).status()).isEqualTo(200);
        assertThat(api.get("/profiles/hs-" + PORTAL + "-88").status()).isEqualTo(200);

        assertThat(postV3(
                                "[" + event(12, "contact.privacyDeletion", 88, null, null, T0.plusSeconds(20)) + "]",
                                HUBSPOT_SECRET)
                        .status())
                .isEqualTo(202);
        assertThat(api.clockSet(T0.plusSeconds(30)).status()).isEqualTo(200);
        assertThat(api.get("/profiles/hs-" + PORTAL + "-88").status()).isEqualTo(404);

        // HubSpot retries the first delivery after the deletion: it carries the old e-mail change
        StackApi.Reply retry = postV3(
                "["
                        + event(10, "contact.propertyChange", 88, "email", "person@example.invalid", T0)
                                .replace("\"attemptNumber\":0", "\"attemptNumber\":3")
                        + "]",
                HUBSPOT_SECRET);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(api.clockSet(T0.plusSeconds(60)).status()).isEqualTo(200);
        assertThat(api.get("/profiles/hs-" + PORTAL + "-88").status()).isEqualTo(404);
    }
}
