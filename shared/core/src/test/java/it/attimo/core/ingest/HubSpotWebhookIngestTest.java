package it.attimo.core.ingest;

import static it.attimo.core.testing.FixedSecrets.HUBSPOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.api.ApiResponse;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.json.Json;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.FixedSecrets;
import it.attimo.core.testing.InMemoryEventQueue;
import it.attimo.core.testing.InMemoryQuarantineStore;
import it.attimo.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubSpotWebhookIngestTest {
    final MutableClock wall = MutableClock.at("2026-11-22T10:00:00Z");
    final InMemoryEventQueue queue = new InMemoryEventQueue();
    final InMemoryQuarantineStore quarantine = new InMemoryQuarantineStore();
    final IngestEvents ingest =
            new IngestEvents(queue, quarantine, FixedSecrets.defaults(), HubSpotMapping.loadDefault(), wall);

    static String hs(long objectId, String subscriptionType, String propertyName, String propertyValue) {
        var n = Json.object();
        n.put("eventId", 1000 + objectId);
        n.put("portalId", 62515);
        n.put("objectId", objectId);
        n.put("occurredAt", 1780000000000L);
        n.put("subscriptionType", subscriptionType);
        if (propertyName != null) n.put("propertyName", propertyName);
        if (propertyValue != null) n.put("propertyValue", propertyValue);
        return n.toString();
    }

    @Test
    void wellSignedBatchIsMappedIgnoredOrQuarantinedPerEvent() throws Exception {
        String missingObject = "{\"eventId\":9,\"portalId\":62515,\"occurredAt\":1780000000000,"
                + "\"subscriptionType\":\"contact.creation\"}";
        String body = "["
                + String.join(
                        ",",
                        hs(1, "contact.creation", null, null),
                        hs(2, "contact.propertyChange", "firstname", "Mario"),
                        hs(3, "contact.privacyDeletion", null, null),
                        missingObject,
                        hs(4, "contact.propertyChange", "attimo_segment", "enterprise"))
                + "]";
        ApiResponse r = ingest.handle(Events.signedHubSpot(HUBSPOT, wall, body));

        assertThat(r.status()).isEqualTo(202);
        JsonNode b = Json.parse(r.body());
        assertThat(b.get("accepted").asInt()).isEqualTo(2);
        assertThat(b.get("ignored").asInt()).isEqualTo(1);
        assertThat(b.get("rejected").asInt()).isEqualTo(2);
        assertThat(queue.published())
                .extracting(CustomerEvent::type, CustomerEvent::customerId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(EventTypes.CUSTOMER_UPSERTED, "hs-62515-1"),
                        org.assertj.core.groups.Tuple.tuple(EventTypes.CUSTOMER_ERASED, "hs-62515-3"));
        CustomerEvent created = queue.published().get(0);
        assertThat(created.time()).isEqualTo(Instant.ofEpochMilli(1780000000000L));
        assertThat(created.source()).isEqualTo("hubspot:portal/62515");
        assertThat(created.id()).matches("hs-[0-9a-f]{32}");

        JsonNode results = b.get("results");
        assertThat(results.get(1).get("status").asText()).isEqualTo("ignored");
        assertThat(results.get(1).get("reason").asText())
                .isEqualTo("no mapping rule for contact.propertyChange firstname");
        assertThat(results.get(3).get("error").asText()).isEqualTo("objectId is required");
        assertThat(results.get(4).get("error").asText()).isEqualTo("customer.upserted: segment must be b2b or b2c");
        assertThat(quarantine.all()).extracting(QuarantinedEvent::index).containsExactly(3, 4);
        assertThat(quarantine.all()).allSatisfy(q -> assertThat(q.origin()).isEqualTo("hubspot"));
        assertThat(quarantine.all().get(1).rawJson()).contains("enterprise");
    }

    @Test
    void theSameHubSpotEventTwiceGetsTheSameIdAndIsQueuedOnce() {
        String e = hs(1, "contact.propertyChange", "attimo_comune", "015146");
        ApiResponse r = ingest.handle(Events.signedHubSpot(HUBSPOT, wall, "[" + e + "," + e + "]"));
        assertThat(r.status()).isEqualTo(202);
        assertThat(queue.published()).hasSize(1);
        ingest.handle(Events.signedHubSpot(HUBSPOT, wall, "[" + e + "]"));
        assertThat(queue.published()).hasSize(2);
        assertThat(queue.published().get(1).id())
                .isEqualTo(queue.published().get(0).id());
    }

    @Test
    void eventsDifferingOnlyInPropertyValueGetDifferentIds() {
        ingest.handle(Events.signedHubSpot(
                HUBSPOT,
                wall,
                "[" + hs(1, "contact.propertyChange", "attimo_nps", "3") + ","
                        + hs(1, "contact.propertyChange", "attimo_nps", "9") + "]"));
        assertThat(queue.published())
                .extracting(CustomerEvent::id)
                .doesNotHaveDuplicates()
                .hasSize(2);
    }

    @Test
    void staleV3IsRefusedAndNothingIsStored() {
        MutableClock fiveMinutesAgo = MutableClock.at("2026-11-22T09:54:59Z");
        ApiResponse r = ingest.handle(
                Events.signedHubSpot(HUBSPOT, fiveMinutesAgo, "[" + hs(1, "contact.creation", null, null) + "]"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(queue.published()).isEmpty();
        assertThat(quarantine.all()).isEmpty();
    }

    @Test
    void v1SignedWebhookIsAccepted() {
        byte[] body = ("[" + hs(1, "contact.creation", null, null) + "]").getBytes(StandardCharsets.UTF_8);
        ApiResponse r = ingest.handle(Events.hubSpotRequest(
                Map.of(
                        "Content-Type",
                        "application/json",
                        HubSpotSignatureVerifier.LEGACY_HEADER,
                        HubSpotSignatureVerifier.signV1(HUBSPOT, body)),
                body,
                Events.HUBSPOT_URL));
        assertThat(r.status()).isEqualTo(202);
        assertThat(queue.published()).hasSize(1);
    }

    @Test
    void envelopeErrors() throws Exception {
        ApiResponse notArray =
                ingest.handle(Events.signedHubSpot(HUBSPOT, wall, hs(1, "contact.creation", null, null)));
        assertThat(notArray.status()).isEqualTo(400);

        ApiResponse malformed = ingest.handle(Events.signedHubSpot(HUBSPOT, wall, "[{\"portalId\":"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(Json.parse(malformed.body()).get("error").asText()).isEqualTo("malformed_json");
        assertThat(quarantine.all())
                .singleElement()
                .satisfies(q -> assertThat(q.rawJson()).isEqualTo("[{\"portalId\":"));

        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        long ts = wall.millis();
        ApiResponse xml = ingest.handle(Events.hubSpotRequest(
                Map.of(
                        "Content-Type",
                        "text/xml",
                        HubSpotSignatureVerifier.V3_TIMESTAMP,
                        Long.toString(ts),
                        HubSpotSignatureVerifier.V3_HEADER,
                        HubSpotSignatureVerifier.signV3(HUBSPOT, "POST", Events.HUBSPOT_URL, body, ts)),
                body,
                Events.HUBSPOT_URL));
        assertThat(xml.status()).isEqualTo(415);

        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < IngestEvents.MAX_BATCH + 1; i++)
            many.append(i == 0 ? "" : ",").append(hs(i, "contact.creation", null, null));
        assertThat(ingest.handle(Events.signedHubSpot(HUBSPOT, wall, many + "]"))
                        .status())
                .isEqualTo(413);
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void aReplacementMappingIsUsedByIngest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mapping.json");
        Files.writeString(
                file,
                "{\"customerIdPrefix\": \"crm-\", \"rules\": [{\"subscriptionType\": \"contact.creation\","
                        + " \"eventType\": \"account.registered\"}]}");
        IngestEvents custom =
                new IngestEvents(queue, quarantine, FixedSecrets.defaults(), HubSpotMapping.load(file), wall);
        assertThat(custom.handle(Events.signedHubSpot(HUBSPOT, wall, "[" + hs(5, "contact.creation", null, null) + "]"))
                        .status())
                .isEqualTo(202);
        assertThat(queue.published()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventTypes.ACCOUNT_REGISTERED);
            assertThat(e.customerId()).isEqualTo("crm-62515-5");
        });
    }

    @Test
    void signatureFreshnessUsesTheWallClockAsItMoves() {
        String body = "[" + hs(1, "contact.creation", null, null) + "]";
        var request = Events.signedHubSpot(HUBSPOT, wall, body);
        wall.advance(Duration.ofMinutes(6));
        assertThat(ingest.handle(request).status()).isEqualTo(401);
    }
}
