package it.attimo.core.ingest;

import static it.attimo.core.testing.FixedSecrets.WEBHOOK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.api.ApiRequest;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IngestEventsTest {
    /** The real clock: judges signatures. */
    final MutableClock wall = MutableClock.at("2026-11-22T10:00:00Z");
    /** Where the virtual (business) clock of a demo might be: months away from the wall clock. */
    final Instant businessNow = Instant.parse("2026-06-10T08:00:00Z");

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

    static JsonNode body(ApiResponse r) throws Exception {
        return Json.parse(r.body());
    }

    void assertNothingStored() {
        assertThat(queue.published()).isEmpty();
        assertThat(queue.publishCalls()).isZero();
        assertThat(quarantine.all()).isEmpty();
    }

    ApiResponse sendSigned(String contentType, String body) {
        return ingest.handle(Events.signedEvents(WEBHOOK, wall, contentType, body));
    }

    @Nested
    class Signatures {
        final byte[] body = orderDelivered("e-1", "c-1").getBytes(StandardCharsets.UTF_8);

        ApiResponse send(Map<String, String> headers) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put("Content-Type", Events.SINGLE);
            return ingest.handle(Events.eventsRequest(h, body));
        }

        Map<String, String> signedAt(long ts) {
            return Map.of(
                    AttimoSignatureVerifier.TIMESTAMP_HEADER,
                    Long.toString(ts),
                    AttimoSignatureVerifier.SIGNATURE_HEADER,
                    AttimoSignatureVerifier.sign(WEBHOOK, ts, body));
        }

        @Test
        void validSignatureOnTheWallClockIsAcceptedWhateverTheBusinessClockSays() throws Exception {
            ApiResponse r = send(signedAt(wall.millis()));
            assertThat(r.status()).isEqualTo(202);
            assertThat(body(r).get("accepted").asInt()).isEqualTo(1);
            assertThat(queue.published()).extracting(CustomerEvent::id).containsExactly("e-1");
        }

        @Test
        void signatureAtFourMinutesFiftyNineIsStillFresh() {
            assertThat(send(signedAt(wall.millis() - Duration.ofSeconds(299).toMillis()))
                            .status())
                    .isEqualTo(202);
        }

        @Test
        void missingSignatureHeader() throws Exception {
            ApiResponse r = send(Map.of(AttimoSignatureVerifier.TIMESTAMP_HEADER, Long.toString(wall.millis())));
            assertThat(r.status()).isEqualTo(401);
            assertThat(body(r).get("error").asText()).isEqualTo("unauthorized");
            assertThat(body(r).get("message").asText()).isEqualTo(SignatureCheck.MISSING.message());
            assertNothingStored();
        }

        @Test
        void missingTimestampHeader() {
            Map<String, String> h = new LinkedHashMap<>(signedAt(wall.millis()));
            h.remove(AttimoSignatureVerifier.TIMESTAMP_HEADER);
            assertThat(send(h).status()).isEqualTo(401);
            assertNothingStored();
        }

        @Test
        void staleByMoreThanFiveMinutesOnTheWallClockEvenWhenSignedOnTheBusinessClock() throws Exception {
            ApiResponse signedOnBusinessClock = send(signedAt(businessNow.toEpochMilli()));
            ApiResponse sixMinutesOld = send(signedAt(
                    wall.millis() - Duration.ofMinutes(5).plusSeconds(1).toMillis()));
            assertThat(signedOnBusinessClock.status()).isEqualTo(401);
            assertThat(sixMinutesOld.status()).isEqualTo(401);
            assertThat(body(sixMinutesOld).get("message").asText()).isEqualTo(SignatureCheck.STALE.message());
            assertNothingStored();
        }

        @Test
        void timestampMoreThanFiveMinutesInTheFuture() {
            assertThat(send(signedAt(wall.millis()
                                    + Duration.ofMinutes(5).plusSeconds(1).toMillis()))
                            .status())
                    .isEqualTo(401);
            assertNothingStored();
        }

        @Test
        void forgedSignature() throws Exception {
            long ts = wall.millis();
            ApiResponse wrongSecret = send(Map.of(
                    AttimoSignatureVerifier.TIMESTAMP_HEADER,
                    Long.toString(ts),
                    AttimoSignatureVerifier.SIGNATURE_HEADER,
                    AttimoSignatureVerifier.sign("another-secret", ts, body)));
            ApiResponse otherTimestamp = send(Map.of(
                    AttimoSignatureVerifier.TIMESTAMP_HEADER,
                    Long.toString(ts),
                    AttimoSignatureVerifier.SIGNATURE_HEADER,
                    AttimoSignatureVerifier.sign(WEBHOOK, ts - 1, body)));
            assertThat(wrongSecret.status()).isEqualTo(401);
            assertThat(body(wrongSecret).get("message").asText()).isEqualTo(SignatureCheck.FORGED.message());
            assertThat(otherTimestamp.status()).isEqualTo(401);
            assertNothingStored();
        }

        @Test
        void bodyChangedAfterSigning() {
            long ts = wall.millis();
            byte[] other = orderDelivered("e-2", "c-1").getBytes(StandardCharsets.UTF_8);
            Map<String, String> h = new LinkedHashMap<>(Map.of(
                    "Content-Type",
                    Events.SINGLE,
                    AttimoSignatureVerifier.TIMESTAMP_HEADER,
                    Long.toString(ts),
                    AttimoSignatureVerifier.SIGNATURE_HEADER,
                    AttimoSignatureVerifier.sign(WEBHOOK, ts, body)));
            assertThat(ingest.handle(Events.eventsRequest(h, other)).status()).isEqualTo(401);
            assertNothingStored();
        }

        @Test
        void malformedHeaders() throws Exception {
            long ts = wall.millis();
            String good = AttimoSignatureVerifier.sign(WEBHOOK, ts, body);
            List<Map<String, String>> cases = List.of(
                    Map.of(
                            AttimoSignatureVerifier.TIMESTAMP_HEADER,
                            "yesterday",
                            AttimoSignatureVerifier.SIGNATURE_HEADER,
                            good),
                    Map.of(
                            AttimoSignatureVerifier.TIMESTAMP_HEADER,
                            Long.toString(ts),
                            AttimoSignatureVerifier.SIGNATURE_HEADER,
                            good.substring("sha256=".length())),
                    Map.of(
                            AttimoSignatureVerifier.TIMESTAMP_HEADER,
                            Long.toString(ts),
                            AttimoSignatureVerifier.SIGNATURE_HEADER,
                            "sha256=not-hex!"),
                    Map.of(
                            AttimoSignatureVerifier.TIMESTAMP_HEADER,
                            Long.toString(ts),
                            AttimoSignatureVerifier.SIGNATURE_HEADER,
                            "sha1=" + good.substring(7)));
            for (Map<String, String> h : cases) {
                ApiResponse r = send(h);
                assertThat(r.status()).as(h.toString()).isEqualTo(401);
                assertThat(body(r).get("message").asText()).isEqualTo(SignatureCheck.MALFORMED.message());
            }
            assertNothingStored();
        }

        @Test
        void noSecretConfiguredRefusesEverything() {
            IngestEvents unconfigured =
                    new IngestEvents(queue, quarantine, FixedSecrets.none(), HubSpotMapping.loadDefault(), wall);
            assertThat(unconfigured
                            .handle(Events.signedEvents(WEBHOOK, wall, Events.SINGLE, orderDelivered("e-1", "c-1")))
                            .status())
                    .isEqualTo(401);
            assertNothingStored();
        }

        @Test
        void unauthenticatedGarbageIsNotQuarantined() {
            Map<String, String> h = Map.of(
                    "Content-Type",
                    Events.SINGLE,
                    AttimoSignatureVerifier.TIMESTAMP_HEADER,
                    Long.toString(wall.millis()),
                    AttimoSignatureVerifier.SIGNATURE_HEADER,
                    "sha256=00");
            assertThat(ingest.handle(Events.eventsRequest(h, "{not json".getBytes(StandardCharsets.UTF_8)))
                            .status())
                    .isEqualTo(401);
            assertNothingStored();
        }
    }

    @Nested
    class Envelope {
        @Test
        void wrongContentTypeIs415() throws Exception {
            for (String ct : new String[] {"text/plain", "application/xml", "application/x-www-form-urlencoded"}) {
                ApiResponse r = sendSigned(ct, orderDelivered("e-1", "c-1"));
                assertThat(r.status()).as(ct).isEqualTo(415);
                assertThat(body(r).get("error").asText()).isEqualTo("unsupported_media_type");
            }
            assertThat(ingest.handle(Events.eventsRequest(
                                    Map.of(
                                            AttimoSignatureVerifier.TIMESTAMP_HEADER, Long.toString(wall.millis()),
                                            AttimoSignatureVerifier.SIGNATURE_HEADER,
                                                    AttimoSignatureVerifier.sign(WEBHOOK, wall.millis(), new byte[0])),
                                    new byte[0]))
                            .status())
                    .as("no content type")
                    .isEqualTo(415);
            assertNothingStored();
        }

        @Test
        void contentTypeParametersAndCaseAreAccepted() {
            assertThat(sendSigned("Application/CloudEvents+JSON; charset=utf-8", orderDelivered("e-1", "c-1"))
                            .status())
                    .isEqualTo(202);
            assertThat(sendSigned("application/json", orderDelivered("e-2", "c-1"))
                            .status())
                    .isEqualTo(202);
        }

        @Test
        void bodyOverOneMebibyteIs413() throws Exception {
            String padding = "x".repeat(IngestEvents.MAX_BODY_BYTES);
            String big = "{\"specversion\":\"1.0\",\"pad\":\"" + padding + "\"}";
            ApiResponse r = sendSigned(Events.SINGLE, big);
            assertThat(r.status()).isEqualTo(413);
            assertThat(body(r).get("error").asText()).isEqualTo("payload_too_large");
            assertNothingStored();
        }

        @Test
        void batchOfMoreThan500Is413AndOf500IsAccepted() throws Exception {
            List<CustomerEvent> events = new ArrayList<>();
            for (int i = 0; i < 501; i++) {
                events.add(Events.event(EventTypes.PORTAL_ACCESSED, "c-" + i)
                        .id("e-" + i)
                        .build());
            }
            ApiResponse tooMany = sendSigned(Events.BATCH, Events.batchJson(events));
            assertThat(tooMany.status()).isEqualTo(413);
            assertThat(body(tooMany).get("message").asText()).contains("500").contains("501");
            assertNothingStored();

            ApiResponse ok = sendSigned(Events.BATCH, Events.batchJson(events.subList(0, 500)));
            assertThat(ok.status()).isEqualTo(202);
            assertThat(queue.published()).hasSize(500);
        }

        @Test
        void malformedJsonIs400WithThePositionAndIsKeptInQuarantine() throws Exception {
            String broken = "{\"specversion\": \"1.0\",\n \"id\": }";
            ApiResponse r = sendSigned(Events.SINGLE, broken);
            assertThat(r.status()).isEqualTo(400);
            JsonNode b = body(r);
            assertThat(b.get("error").asText()).isEqualTo("malformed_json");
            assertThat(b.get("message").asText()).contains("line 2").contains("column");
            assertThat(quarantine.all()).singleElement().satisfies(q -> {
                assertThat(q.rawJson()).isEqualTo(broken);
                assertThat(q.origin()).isEqualTo("events");
                assertThat(b.get("message").asText()).contains(q.quarantineId());
            });
            assertThat(queue.published()).isEmpty();
        }

        @Test
        void anEmptyBodyIs400() throws Exception {
            ApiResponse single = sendSigned(Events.SINGLE, "");
            ApiResponse batch = sendSigned(Events.BATCH, "");
            assertThat(single.status()).isEqualTo(400);
            assertThat(batch.status()).isEqualTo(400);
            assertThat(body(single).get("message").asText()).isNotBlank();
            assertThat(queue.published()).isEmpty();
        }

        @Test
        void trailingGarbageIsMalformed() {
            assertThat(sendSigned(Events.SINGLE, orderDelivered("e-1", "c-1") + " {}")
                            .status())
                    .isEqualTo(400);
            assertThat(queue.published()).isEmpty();
        }

        @Test
        void arrayWithSingleContentTypeAndObjectWithBatchContentTypeAre400() {
            String one = orderDelivered("e-1", "c-1");
            assertThat(sendSigned(Events.SINGLE, "[" + one + "]").status()).isEqualTo(400);
            assertThat(sendSigned(Events.BATCH, one).status()).isEqualTo(400);
            assertThat(sendSigned(Events.BATCH, "[]").status()).isEqualTo(400);
            assertThat(queue.published()).isEmpty();
        }

        @Test
        void otherRoutesAndMethods() {
            ApiRequest get = new ApiRequest("GET", "/events", null, Map.of(), null, null, null);
            ApiRequest elsewhere = new ApiRequest("POST", "/nowhere", null, Map.of(), null, null, null);
            assertThat(ingest.handle(get).status()).isEqualTo(405);
            assertThat(ingest.handle(elsewhere).status()).isEqualTo(404);
        }
    }

    @Nested
    class Validation {
        @Test
        void singleInvalidEventIs400WithTheReasonAndIsQuarantined() throws Exception {
            String noTime = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"shop\",\"type\":\"order.delivered\","
                    + "\"subject\":\"c-1\"}";
            ApiResponse r = sendSigned(Events.SINGLE, noTime);
            assertThat(r.status()).isEqualTo(400);
            JsonNode b = body(r);
            assertThat(b.get("error").asText()).isEqualTo("invalid_event");
            assertThat(b.get("message").asText()).startsWith("time is required");
            assertThat(b.at("/results/0/quarantineId").asText()).isNotBlank();
            assertThat(queue.published()).isEmpty();
            assertThat(quarantine.all())
                    .singleElement()
                    .satisfies(q -> assertThat(q.eventId()).isEqualTo("e-1"));
        }

        @Test
        void batchWithGoodAndBadEventsAccepts202AndListsTheBadOnes() throws Exception {
            String good1 = orderDelivered("g-1", "c-1");
            String bad = "{\"specversion\":\"1.0\",\"id\":\"b-1\",\"source\":\"shop\",\"type\":\"order.teleported\","
                    + "\"subject\":\"c-2\",\"time\":\"2026-06-10T08:00:00Z\"}";
            String good2 = orderDelivered("g-2", "c-3");
            String notAnObject = "42";
            ApiResponse r = sendSigned(Events.BATCH, "[" + good1 + "," + bad + "," + good2 + "," + notAnObject + "]");
            assertThat(r.status()).isEqualTo(202);
            JsonNode b = body(r);
            assertThat(b.get("accepted").asInt()).isEqualTo(2);
            assertThat(b.get("rejected").asInt()).isEqualTo(2);
            assertThat(queue.published()).extracting(CustomerEvent::id).containsExactly("g-1", "g-2");

            JsonNode badResult = b.get("results").get(1);
            assertThat(badResult.get("index").asInt()).isEqualTo(1);
            assertThat(badResult.get("id").asText()).isEqualTo("b-1");
            assertThat(badResult.get("status").asText()).isEqualTo("rejected");
            assertThat(badResult.get("error").asText())
                    .contains("order.teleported")
                    .contains("vocabulary");
            String qid = badResult.get("quarantineId").asText();
            assertThat(quarantine.byId(qid)).hasValueSatisfying(q -> {
                assertThat(q.index()).isEqualTo(1);
                assertThat(q.eventId()).isEqualTo("b-1");
                assertThat(q.rawJson()).contains("order.teleported");
            });
            JsonNode last = b.get("results").get(3);
            assertThat(last.get("status").asText()).isEqualTo("rejected");
            assertThat(last.has("id")).isFalse();
            assertThat(last.get("error").asText()).isEqualTo("event must be a JSON object");
            assertThat(b.get("results").get(0).get("status").asText()).isEqualTo("accepted");
            assertThat(quarantine.all()).hasSize(2);
        }

        @Test
        void duplicateIdsWithinABatchAreQueuedOnce() throws Exception {
            String e = orderDelivered("e-1", "c-1");
            ApiResponse r = sendSigned(Events.BATCH, "[" + e + "," + e + "," + orderDelivered("e-1", "c-2") + "]");
            assertThat(r.status()).isEqualTo(202);
            assertThat(queue.published()).extracting(CustomerEvent::customerId).containsExactly("c-1", "c-2");
            assertThat(body(r).get("results").get(1).get("status").asText()).isEqualTo("duplicate");
        }

        @Test
        void subjectThatLooksLikeAnEmailIsRefusedWithoutEchoingIt() throws Exception {
            String email = "mario.rossi@example.it";
            String event = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"shop\",\"type\":\"portal.accessed\","
                    + "\"subject\":\"" + email + "\",\"time\":\"2026-06-10T08:00:00Z\"}";
            ApiResponse r = sendSigned(Events.SINGLE, event);
            assertThat(r.status()).isEqualTo(400);
            assertThat(body(r).get("message").asText()).startsWith("subject must be an opaque customer id");
            assertThat(r.body()).doesNotContain(email).doesNotContain("mario");
            assertThat(queue.published()).isEmpty();
        }

        @Test
        void acceptedEventIsNormalised() {
            String withOffset =
                    "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"shop\",\"type\":\"video.watched\","
                            + "\"subject\":\"c-1\",\"time\":\"2026-06-10T10:00:00+02:00\","
                            + "\"data\":{\"videoId\":\"guide\",\"watchedSeconds\":90}}";
            assertThat(sendSigned(Events.SINGLE, withOffset).status()).isEqualTo(202);
            CustomerEvent e = queue.published().get(0);
            assertThat(e.time()).isEqualTo(Instant.parse("2026-06-10T08:00:00Z"));
            assertThat(e.customerId()).isEqualTo("c-1");
            assertThat(e.source()).isEqualTo("shop");
            assertThat(e.number("watchedSeconds")).isEqualTo(90.0);
        }

        @Test
        void clientsCannotSendCustomerErased() {
            String erase = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"shop\",\"type\":\"customer.erased\","
                    + "\"subject\":\"c-1\",\"time\":\"2026-06-10T08:00:00Z\"}";
            assertThat(sendSigned(Events.SINGLE, erase).status()).isEqualTo(400);
            assertThat(queue.published()).isEmpty();
        }
    }
}
