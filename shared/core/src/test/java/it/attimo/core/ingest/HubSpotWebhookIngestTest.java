package it.attimo.core.ingest;

import static it.attimo.core.ingest.IngestEventsTest.refused;
import static it.attimo.core.testing.FixedSecrets.HUBSPOT;
import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.error.BadRequest;
import it.attimo.core.error.InvalidSignature;
import it.attimo.core.error.MalformedJson;
import it.attimo.core.error.PayloadTooLarge;
import it.attimo.core.error.UnsupportedMediaType;
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
import java.util.List;
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
        IngestResult r = ingest.hubSpot(Events.signedHubSpot(HUBSPOT, wall, body));

        assertThat(r.accepted()).isEqualTo(2);
        assertThat(r.ignored()).isEqualTo(1);
        assertThat(r.rejected()).isEqualTo(2);
        assertThat(queue.published())
                .extracting(CustomerEvent::type, CustomerEvent::customerId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(EventTypes.CUSTOMER_UPSERTED, "hs-62515-1"),
                        org.assertj.core.groups.Tuple.tuple(EventTypes.CUSTOMER_ERASED, "hs-62515-3"));
        CustomerEvent created = queue.published().get(0);
        assertThat(created.time()).isEqualTo(Instant.ofEpochMilli(1780000000000L));
        assertThat(created.source()).isEqualTo("hubspot:portal/62515");
        assertThat(created.id()).matches("hs-[0-9a-f]{32}");

        List<IngestResult.EventResult> results = r.results();
        assertThat(results.get(1).status()).isEqualTo(IngestResult.Status.IGNORED);
        assertThat(results.get(1).reason()).isEqualTo("no mapping rule for contact.propertyChange firstname");
        assertThat(results.get(3).error()).isEqualTo("objectId is required");
        assertThat(results.get(4).error()).isEqualTo("customer.upserted: segment must be b2b or b2c");
        assertThat(quarantine.all()).extracting(QuarantinedEvent::index).containsExactly(3, 4);
        assertThat(quarantine.all()).allSatisfy(q -> assertThat(q.origin()).isEqualTo("hubspot"));
        assertThat(quarantine.all().get(1).rawJson()).contains("enterprise");
    }

    @Test
    void theSameHubSpotEventTwiceGetsTheSameIdAndIsQueuedOnce() {
        String e = hs(1, "contact.propertyChange", "attimo_comune", "015146");
        IngestResult r = ingest.hubSpot(Events.signedHubSpot(HUBSPOT, wall, "[" + e + "," + e + "]"));
        assertThat(r.accepted()).isEqualTo(2);
        assertThat(queue.published()).hasSize(1);
        ingest.hubSpot(Events.signedHubSpot(HUBSPOT, wall, "[" + e + "]"));
        assertThat(queue.published()).hasSize(2);
        assertThat(queue.published().get(1).id())
                .isEqualTo(queue.published().get(0).id());
    }

    @Test
    void eventsDifferingOnlyInPropertyValueGetDifferentIds() {
        ingest.hubSpot(Events.signedHubSpot(
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
        refused(
                InvalidSignature.class,
                () -> ingest.hubSpot(Events.signedHubSpot(
                        HUBSPOT, fiveMinutesAgo, "[" + hs(1, "contact.creation", null, null) + "]")));
        assertThat(queue.published()).isEmpty();
        assertThat(quarantine.all()).isEmpty();
    }

    @Test
    void v1SignedWebhookIsAccepted() {
        byte[] body = ("[" + hs(1, "contact.creation", null, null) + "]").getBytes(StandardCharsets.UTF_8);
        IngestResult r = ingest.hubSpot(new HubSpotDelivery(
                "POST",
                Events.HUBSPOT_URL,
                body,
                "application/json",
                new HubSpotSignature(null, null, HubSpotSignatureVerifier.signV1(HUBSPOT, body), null)));
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(queue.published()).hasSize(1);
    }

    @Test
    void envelopeErrors() {
        refused(
                BadRequest.class,
                () -> ingest.hubSpot(Events.signedHubSpot(HUBSPOT, wall, hs(1, "contact.creation", null, null))));

        MalformedJson malformed = refused(
                MalformedJson.class, () -> ingest.hubSpot(Events.signedHubSpot(HUBSPOT, wall, "[{\"portalId\":")));
        assertThat(malformed.code()).isEqualTo("malformed_json");
        assertThat(quarantine.all())
                .singleElement()
                .satisfies(q -> assertThat(q.rawJson()).isEqualTo("[{\"portalId\":"));

        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        long ts = wall.millis();
        refused(
                UnsupportedMediaType.class,
                () -> ingest.hubSpot(new HubSpotDelivery(
                        "POST",
                        Events.HUBSPOT_URL,
                        body,
                        "text/xml",
                        new HubSpotSignature(
                                HubSpotSignatureVerifier.signV3(HUBSPOT, "POST", Events.HUBSPOT_URL, body, ts),
                                Long.toString(ts),
                                null,
                                null))));

        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < IngestEvents.MAX_BATCH + 1; i++)
            many.append(i == 0 ? "" : ",").append(hs(i, "contact.creation", null, null));
        refused(PayloadTooLarge.class, () -> ingest.hubSpot(Events.signedHubSpot(HUBSPOT, wall, many + "]")));
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
        assertThat(custom.hubSpot(
                                Events.signedHubSpot(HUBSPOT, wall, "[" + hs(5, "contact.creation", null, null) + "]"))
                        .accepted())
                .isEqualTo(1);
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
        refused(InvalidSignature.class, () -> ingest.hubSpot(request));
    }
}
