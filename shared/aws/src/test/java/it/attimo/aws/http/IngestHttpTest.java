package it.attimo.aws.http;

import static it.attimo.core.testing.FixedSecrets.HUBSPOT;
import static it.attimo.core.testing.FixedSecrets.WEBHOOK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.ingest.AttimoSignatureVerifier;
import it.attimo.core.ingest.HubSpotMapping;
import it.attimo.core.ingest.HubSpotSignatureVerifier;
import it.attimo.core.ingest.IngestEvents;
import it.attimo.core.ingest.SignatureCheck;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.FixedSecrets;
import it.attimo.core.testing.InMemoryEventQueue;
import it.attimo.core.testing.InMemoryQuarantineStore;
import it.attimo.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ingest routes over HTTP: what the statuses and bodies of IngestEventsTest's cases are. */
class IngestHttpTest {
    static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock wall = MutableClock.at("2026-11-22T10:00:00Z");
    final InMemoryEventQueue queue = new InMemoryEventQueue();
    final InMemoryQuarantineStore quarantine = new InMemoryQuarantineStore();
    final IngestEvents ingest =
            new IngestEvents(queue, quarantine, FixedSecrets.defaults(), HubSpotMapping.loadDefault(), wall);

    static String orderDelivered(String id, String customer) {
        return Events.event(EventTypes.ORDER_DELIVERED, customer)
                .id(id)
                .at("2026-06-10T08:00:00Z")
                .data("orderId", "o-1")
                .json();
    }

    static JsonNode body(HttpApiResponse r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** POST /events with lower-case header names, as API Gateway sends them. */
    HttpApiResponse postEvents(Map<String, String> headers, byte[] body) {
        HttpApiRequest request = new HttpApiRequest(
                "POST", "POST /events", "/events", null, headers, body, "https://api.attimo.example/events", null);
        return HttpErrorMapper.respond(() -> IngestHttp.cloudEvents(ingest, request));
    }

    HttpApiResponse sendSigned(String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long ts = wall.millis();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put("x-attimo-timestamp", Long.toString(ts));
        headers.put("x-attimo-signature", AttimoSignatureVerifier.sign(WEBHOOK, ts, bytes));
        return postEvents(headers, bytes);
    }

    HttpApiResponse postHubSpot(Map<String, String> headers, byte[] body) {
        HttpApiRequest request = new HttpApiRequest(
                "POST", "POST /webhooks/hubspot", "/webhooks/hubspot", null, headers, body, Events.HUBSPOT_URL, null);
        return HttpErrorMapper.respond(() -> IngestHttp.hubSpot(ingest, request));
    }

    HttpApiResponse signedHubSpot(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long ts = wall.millis();
        return postHubSpot(
                Map.of(
                        "content-type", "application/json",
                        "x-hubspot-request-timestamp", Long.toString(ts),
                        "x-hubspot-signature-v3",
                                HubSpotSignatureVerifier.signV3(HUBSPOT, "POST", Events.HUBSPOT_URL, bytes, ts)),
                bytes);
    }

    @Test
    void aSignedEventIs202WithTheCountsAndOneResult() throws Exception {
        HttpApiResponse r = sendSigned(Events.SINGLE, orderDelivered("e-1", "c-1"));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.headers()).containsEntry("Content-Type", "application/json");
        assertThat(r.body())
                .isEqualTo("{\"accepted\":1,\"rejected\":0,\"ignored\":0,"
                        + "\"results\":[{\"index\":0,\"id\":\"e-1\",\"status\":\"accepted\"}]}");
        assertThat(queue.published()).extracting(CustomerEvent::id).containsExactly("e-1");
    }

    @Test
    void aBadSignatureIs401WithItsReason() throws Exception {
        byte[] bytes = orderDelivered("e-1", "c-1").getBytes(StandardCharsets.UTF_8);
        HttpApiResponse r = postEvents(
                Map.of("content-type", Events.SINGLE, "x-attimo-timestamp", Long.toString(wall.millis())), bytes);
        assertThat(r.status()).isEqualTo(401);
        assertThat(body(r).get("error").asText()).isEqualTo("unauthorized");
        assertThat(body(r).get("message").asText()).isEqualTo(SignatureCheck.MISSING.message());
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void envelopeRefusalsHaveTheirStatuses() throws Exception {
        HttpApiResponse text = sendSigned("text/plain", orderDelivered("e-1", "c-1"));
        assertThat(text.status()).isEqualTo(415);
        assertThat(body(text).get("error").asText()).isEqualTo("unsupported_media_type");

        HttpApiResponse big = sendSigned(
                Events.SINGLE, "{\"specversion\":\"1.0\",\"pad\":\"" + "x".repeat(IngestEvents.MAX_BODY_BYTES) + "\"}");
        assertThat(big.status()).isEqualTo(413);
        assertThat(body(big).get("error").asText()).isEqualTo("payload_too_large");

        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            events.add(Events.event(EventTypes.PORTAL_ACCESSED, "c-" + i)
                    .id("e-" + i)
                    .build());
        }
        HttpApiResponse tooMany = sendSigned(Events.BATCH, Events.batchJson(events));
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(body(tooMany).get("message").asText()).contains("500").contains("501");

        String one = orderDelivered("e-1", "c-1");
        assertThat(sendSigned(Events.SINGLE, "[" + one + "]").status()).isEqualTo(400);
        assertThat(body(sendSigned(Events.BATCH, one)).get("error").asText()).isEqualTo("bad_request");
        assertThat(sendSigned(Events.BATCH, "[]").status()).isEqualTo(400);
        assertThat(sendSigned(Events.BATCH, "").status()).isEqualTo(400);
        HttpApiResponse empty = sendSigned(Events.SINGLE, "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(body(empty).get("message").asText()).isNotBlank();
        assertThat(sendSigned(Events.SINGLE, one + " {}").status()).isEqualTo(400);
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void malformedJsonIs400WithThePositionAndTheQuarantineId() throws Exception {
        HttpApiResponse r = sendSigned(Events.SINGLE, "{\"specversion\": \"1.0\",\n \"id\": }");
        assertThat(r.status()).isEqualTo(400);
        JsonNode b = body(r);
        assertThat(b.get("error").asText()).isEqualTo("malformed_json");
        assertThat(b.get("message").asText())
                .contains("line 2")
                .contains("column")
                .contains(quarantine.all().get(0).quarantineId());
    }

    @Test
    void aSingleInvalidEventIs400WithItsResult() throws Exception {
        String noTime = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"shop\",\"type\":\"order.delivered\","
                + "\"subject\":\"c-1\"}";
        HttpApiResponse r = sendSigned(Events.SINGLE, noTime);
        assertThat(r.status()).isEqualTo(400);
        JsonNode b = body(r);
        assertThat(b.get("error").asText()).isEqualTo("invalid_event");
        assertThat(b.get("message").asText()).startsWith("time is required");
        assertThat(b.at("/results/0/quarantineId").asText())
                .isEqualTo(quarantine.all().get(0).quarantineId());
        assertThat(b.at("/results/0/status").asText()).isEqualTo("rejected");

        String erase = "{\"specversion\":\"1.0\",\"id\":\"e-2\",\"source\":\"shop\",\"type\":\"customer.erased\","
                + "\"subject\":\"c-1\",\"time\":\"2026-06-10T08:00:00Z\"}";
        assertThat(sendSigned(Events.SINGLE, erase).status()).isEqualTo(400);
    }

    @Test
    void aSubjectThatLooksLikeAnEmailIsNotEchoed() throws Exception {
        String email = "mario.rossi@example.it";
        String event = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"shop\",\"type\":\"portal.accessed\","
                + "\"subject\":\"" + email + "\",\"time\":\"2026-06-10T08:00:00Z\"}";
        HttpApiResponse r = sendSigned(Events.SINGLE, event);
        assertThat(r.status()).isEqualTo(400);
        assertThat(body(r).get("message").asText()).startsWith("subject must be an opaque customer id");
        assertThat(r.body()).doesNotContain(email).doesNotContain("mario");
    }

    @Test
    void aBatchIs202AndListsEachEventsResult() throws Exception {
        String bad = "{\"specversion\":\"1.0\",\"id\":\"b-1\",\"source\":\"shop\",\"type\":\"order.teleported\","
                + "\"subject\":\"c-2\",\"time\":\"2026-06-10T08:00:00Z\"}";
        String good = orderDelivered("g-1", "c-1");
        HttpApiResponse r = sendSigned(Events.BATCH, "[" + good + "," + bad + ",42," + good + "]");
        assertThat(r.status()).isEqualTo(202);
        JsonNode b = body(r);
        assertThat(b.get("accepted").asInt()).isEqualTo(2);
        assertThat(b.get("rejected").asInt()).isEqualTo(2);
        assertThat(b.get("ignored").asInt()).isZero();
        JsonNode results = b.get("results");
        assertThat(results.get(0).get("status").asText()).isEqualTo("accepted");
        JsonNode badResult = results.get(1);
        assertThat(badResult.get("index").asInt()).isEqualTo(1);
        assertThat(badResult.get("id").asText()).isEqualTo("b-1");
        assertThat(badResult.get("status").asText()).isEqualTo("rejected");
        assertThat(badResult.get("error").asText()).contains("order.teleported").contains("vocabulary");
        assertThat(quarantine.byId(badResult.get("quarantineId").asText())).isPresent();
        assertThat(badResult.has("reason")).isFalse();
        JsonNode notAnObject = results.get(2);
        assertThat(notAnObject.has("id")).isFalse();
        assertThat(notAnObject.get("error").asText()).isEqualTo("event must be a JSON object");
        assertThat(results.get(3).get("status").asText()).isEqualTo("duplicate");
        assertThat(results.get(3).has("error")).isFalse();
    }

    @Test
    void aHubSpotWebhookIs202WithIgnoredAndRejectedEvents() throws Exception {
        String creation = "{\"eventId\":1,\"portalId\":62515,\"objectId\":1,\"occurredAt\":1780000000000,"
                + "\"subscriptionType\":\"contact.creation\"}";
        String firstname = "{\"eventId\":2,\"portalId\":62515,\"objectId\":2,\"occurredAt\":1780000000000,"
                + "\"subscriptionType\":\"contact.propertyChange\",\"propertyName\":\"firstname\","
                + "\"propertyValue\":\"Mario\"}";
        String noObject = "{\"eventId\":9,\"portalId\":62515,\"occurredAt\":1780000000000,"
                + "\"subscriptionType\":\"contact.creation\"}";
        HttpApiResponse r = signedHubSpot("[" + creation + "," + firstname + "," + noObject + "]");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        JsonNode b = body(r);
        assertThat(b.get("accepted").asInt()).isEqualTo(1);
        assertThat(b.get("ignored").asInt()).isEqualTo(1);
        assertThat(b.get("rejected").asInt()).isEqualTo(1);
        JsonNode results = b.get("results");
        assertThat(results.get(1).get("status").asText()).isEqualTo("ignored");
        assertThat(results.get(1).get("reason").asText())
                .isEqualTo("no mapping rule for contact.propertyChange firstname");
        assertThat(results.get(2).get("error").asText()).isEqualTo("objectId is required");
        assertThat(queue.published())
                .singleElement()
                .satisfies(e -> assertThat(e.customerId()).isEqualTo("hs-62515-1"));
    }

    @Test
    void hubSpotRefusalsHaveTheirStatuses() throws Exception {
        HttpApiResponse malformed = signedHubSpot("[{\"portalId\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(body(malformed).get("error").asText()).isEqualTo("malformed_json");
        assertThat(signedHubSpot("{}").status()).isEqualTo(400);

        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        HttpApiResponse unsigned = postHubSpot(Map.of("content-type", "application/json"), body);
        assertThat(unsigned.status()).isEqualTo(401);
        HttpApiResponse xml = postHubSpot(
                Map.of(
                        "content-type",
                        "text/xml",
                        "x-hubspot-signature",
                        HubSpotSignatureVerifier.signV1(HUBSPOT, body),
                        "x-hubspot-signature-version",
                        "v1"),
                body);
        assertThat(xml.status()).isEqualTo(415);
    }

    @Test
    void aV2SignatureCoversTheMethodAndTheUrlTheAdapterPassesOn() {
        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of(
                "content-type",
                "application/json",
                "x-hubspot-signature",
                HubSpotSignatureVerifier.signV2(HUBSPOT, "POST", Events.HUBSPOT_URL, body),
                "x-hubspot-signature-version",
                "v2");
        assertThat(postHubSpot(headers, body).status()).isEqualTo(202);
    }
}
