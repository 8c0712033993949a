package it.attimo.core.ingest;

import static it.attimo.core.testing.FixedSecrets.WEBHOOK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import it.attimo.core.error.BadRequest;
import it.attimo.core.error.InvalidSignature;
import it.attimo.core.error.MalformedJson;
import it.attimo.core.error.PayloadTooLarge;
import it.attimo.core.error.RequestRefused;
import it.attimo.core.error.UnsupportedMediaType;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.FixedSecrets;
import it.attimo.core.testing.InMemoryEventQueue;
import it.attimo.core.testing.InMemoryQuarantineStore;
import it.attimo.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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

    /** The refusal {@code call} throws, which must be of {@code type}. */
    static <T extends RequestRefused> T refused(Class<T> type, ThrowingCallable call) {
        T refusal = catchThrowableOfType(type, call);
        assertThat(refusal).as("expected %s", type.getSimpleName()).isNotNull();
        return refusal;
    }

    void assertNothingStored() {
        assertThat(queue.published()).isEmpty();
        assertThat(queue.publishCalls()).isZero();
        assertThat(quarantine.all()).isEmpty();
    }

    IngestResult sendSigned(String contentType, String body) {
        return ingest.cloudEvents(Events.signedEvents(WEBHOOK, wall, contentType, body));
    }

    @Nested
    class Signatures {
        final byte[] body = orderDelivered("e-1", "c-1").getBytes(StandardCharsets.UTF_8);

        IngestResult send(String timestamp, String signature) {
            return ingest.cloudEvents(new CloudEventsDelivery(body, Events.SINGLE, timestamp, signature));
        }

        IngestResult sendSignedAt(long ts) {
            return send(Long.toString(ts), AttimoSignatureVerifier.sign(WEBHOOK, ts, body));
        }

        @Test
        void validSignatureOnTheWallClockIsAcceptedWhateverTheBusinessClockSays() {
            IngestResult r = sendSignedAt(wall.millis());
            assertThat(r.accepted()).isEqualTo(1);
            assertThat(queue.published()).extracting(CustomerEvent::id).containsExactly("e-1");
        }

        @Test
        void signatureAtFourMinutesFiftyNineIsStillFresh() {
            assertThat(sendSignedAt(wall.millis() - Duration.ofSeconds(299).toMillis())
                            .accepted())
                    .isEqualTo(1);
        }

        @Test
        void missingSignatureHeader() {
            InvalidSignature r = refused(InvalidSignature.class, () -> send(Long.toString(wall.millis()), null));
            assertThat(r.code()).isEqualTo("unauthorized");
            assertThat(r.getMessage()).isEqualTo(SignatureCheck.MISSING.message());
            assertNothingStored();
        }

        @Test
        void missingTimestampHeader() {
            refused(
                    InvalidSignature.class,
                    () -> send(null, AttimoSignatureVerifier.sign(WEBHOOK, wall.millis(), body)));
            assertNothingStored();
        }

        @Test
        void staleByMoreThanFiveMinutesOnTheWallClockEvenWhenSignedOnTheBusinessClock() {
            refused(InvalidSignature.class, () -> sendSignedAt(businessNow.toEpochMilli()));
            InvalidSignature sixMinutesOld = refused(
                    InvalidSignature.class,
                    () -> sendSignedAt(
                            wall.millis() - Duration.ofMinutes(5).plusSeconds(1).toMillis()));
            assertThat(sixMinutesOld.getMessage()).isEqualTo(SignatureCheck.STALE.message());
            assertNothingStored();
        }

        @Test
        void timestampMoreThanFiveMinutesInTheFuture() {
            refused(
                    InvalidSignature.class,
                    () -> sendSignedAt(
                            wall.millis() + Duration.ofMinutes(5).plusSeconds(1).toMillis()));
            assertNothingStored();
        }

        @Test
        void forgedSignature() {
            long ts = wall.millis();
            InvalidSignature wrongSecret = refused(
                    InvalidSignature.class,
                    () -> send(Long.toString(ts), AttimoSignatureVerifier.sign("another-secret", ts, body)));
            refused(
                    InvalidSignature.class,
                    () -> send(Long.toString(ts), AttimoSignatureVerifier.sign(WEBHOOK, ts - 1, body)));
            assertThat(wrongSecret.getMessage()).isEqualTo(SignatureCheck.FORGED.message());
            assertNothingStored();
        }

        @Test
        void bodyChangedAfterSigning() {
            long ts = wall.millis();
            byte[] other = orderDelivered("e-2", "c-1").getBytes(StandardCharsets.UTF_8);
            refused(
                    InvalidSignature.class,
                    () -> ingest.cloudEvents(new CloudEventsDelivery(
                            other, Events.SINGLE, Long.toString(ts), AttimoSignatureVerifier.sign(WEBHOOK, ts, body))));
            assertNothingStored();
        }

        @Test
        void malformedHeaders() {
            long ts = wall.millis();
            String good = AttimoSignatureVerifier.sign(WEBHOOK, ts, body);
            List<String[]> cases = List.of(
                    new String[] {"yesterday", good},
                    new String[] {Long.toString(ts), good.substring("sha256=".length())},
                    new String[] {Long.toString(ts), "sha256=not-hex!"},
                    new String[] {Long.toString(ts), "sha1=" + good.substring(7)});
            for (String[] c : cases) {
                InvalidSignature r = refused(InvalidSignature.class, () -> send(c[0], c[1]));
                assertThat(r.getMessage()).as(String.join(" ", c)).isEqualTo(SignatureCheck.MALFORMED.message());
            }
            assertNothingStored();
        }

        @Test
        void noSecretConfiguredRefusesEverything() {
            IngestEvents unconfigured =
                    new IngestEvents(queue, quarantine, FixedSecrets.none(), HubSpotMapping.loadDefault(), wall);
            refused(
                    InvalidSignature.class,
                    () -> unconfigured.cloudEvents(
                            Events.signedEvents(WEBHOOK, wall, Events.SINGLE, orderDelivered("e-1", "c-1"))));
            assertNothingStored();
        }

        @Test
        void unauthenticatedGarbageIsNotQuarantined() {
            refused(
                    InvalidSignature.class,
                    () -> ingest.cloudEvents(new CloudEventsDelivery(
                            "{not json".getBytes(StandardCharsets.UTF_8),
                            Events.SINGLE,
                            Long.toString(wall.millis()),
                            "sha256=00")));
            assertNothingStored();
        }
    }

    @Nested
    class Envelope {
        @Test
        void wrongContentTypeIsUnsupported() {
            for (String ct : new String[] {"text/plain", "application/xml", "application/x-www-form-urlencoded"}) {
                UnsupportedMediaType r =
                        refused(UnsupportedMediaType.class, () -> sendSigned(ct, orderDelivered("e-1", "c-1")));
                assertThat(r.code()).as(ct).isEqualTo("unsupported_media_type");
            }
            refused(
                    UnsupportedMediaType.class,
                    () -> ingest.cloudEvents(new CloudEventsDelivery(
                            new byte[0],
                            null,
                            Long.toString(wall.millis()),
                            AttimoSignatureVerifier.sign(WEBHOOK, wall.millis(), new byte[0]))));
            assertNothingStored();
        }

        @Test
        void contentTypeParametersAndCaseAreAccepted() {
            assertThat(sendSigned("Application/CloudEvents+JSON; charset=utf-8", orderDelivered("e-1", "c-1"))
                            .accepted())
                    .isEqualTo(1);
            assertThat(sendSigned("application/json", orderDelivered("e-2", "c-1"))
                            .accepted())
                    .isEqualTo(1);
        }

        @Test
        void bodyOverOneMebibyteIsTooLarge() {
            String padding = "x".repeat(IngestEvents.MAX_BODY_BYTES);
            String big = "{\"specversion\":\"1.0\",\"pad\":\"" + padding + "\"}";
            PayloadTooLarge r = refused(PayloadTooLarge.class, () -> sendSigned(Events.SINGLE, big));
            assertThat(r.code()).isEqualTo("payload_too_large");
            assertNothingStored();
        }

        @Test
        void batchOfMoreThan500IsTooLargeAndOf500IsAccepted() {
            List<CustomerEvent> events = new ArrayList<>();
            for (int i = 0; i < 501; i++) {
                events.add(Events.event(EventTypes.PORTAL_ACCESSED, "c-" + i)
                        .id("e-" + i)
                        .build());
            }
            PayloadTooLarge tooMany =
                    refused(PayloadTooLarge.class, () -> sendSigned(Events.BATCH, Events.batchJson(events)));
            assertThat(tooMany.getMessage()).contains("500").contains("501");
            assertNothingStored();

            IngestResult ok = sendSigned(Events.BATCH, Events.batchJson(events.subList(0, 500)));
            assertThat(ok.accepted()).isEqualTo(500);
            assertThat(queue.published()).hasSize(500);
        }

        @Test
        void malformedJsonIsRefusedWithThePositionAndIsKeptInQuarantine() {
            String broken = "{\"specversion\": \"1.0\",\n \"id\": }";
            MalformedJson r = refused(MalformedJson.class, () -> sendSigned(Events.SINGLE, broken));
            assertThat(r.code()).isEqualTo("malformed_json");
            assertThat(r.getMessage()).contains("line 2").contains("column");
            assertThat(quarantine.all()).singleElement().satisfies(q -> {
                assertThat(q.rawJson()).isEqualTo(broken);
                assertThat(q.origin()).isEqualTo("events");
                assertThat(r.getMessage()).contains(q.quarantineId());
                assertThat(r.quarantineId()).isEqualTo(q.quarantineId());
            });
            assertThat(queue.published()).isEmpty();
        }

        @Test
        void anEmptyBodyIsRefused() {
            InvalidEvent single = refused(InvalidEvent.class, () -> sendSigned(Events.SINGLE, ""));
            refused(BadRequest.class, () -> sendSigned(Events.BATCH, ""));
            assertThat(single.getMessage()).isNotBlank();
            assertThat(queue.published()).isEmpty();
        }

        @Test
        void trailingGarbageIsMalformed() {
            refused(MalformedJson.class, () -> sendSigned(Events.SINGLE, orderDelivered("e-1", "c-1") + " {}"));
            assertThat(queue.published()).isEmpty();
        }

        @Test
        void arrayWithSingleContentTypeAndObjectWithBatchContentTypeAreBadRequests() {
            String one = orderDelivered("e-1", "c-1");
            assertThat(refused(BadRequest.class, () -> sendSigned(Events.SINGLE, "[" + one + "]"))
                            .code())
                    .isEqualTo("bad_request");
            refused(BadRequest.class, () -> sendSigned(Events.BATCH, one));
            refused(BadRequest.class, () -> sendSigned(Events.BATCH, "[]"));
            assertThat(queue.published()).isEmpty();
        }
    }

    @Nested
    class Validation {
        @Test
        void singleInvalidEventIsRefusedWithTheReasonAndIsQuarantined() {
            String noTime = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"shop\",\"type\":\"order.delivered\","
                    + "\"subject\":\"c-1\"}";
            InvalidEvent r = refused(InvalidEvent.class, () -> sendSigned(Events.SINGLE, noTime));
            assertThat(r.code()).isEqualTo("invalid_event");
            assertThat(r.getMessage()).startsWith("time is required");
            assertThat(r.results()).singleElement().satisfies(result -> {
                assertThat(result.quarantineId()).isNotBlank();
                assertThat(result.status()).isEqualTo(IngestResult.Status.REJECTED);
            });
            assertThat(queue.published()).isEmpty();
            assertThat(quarantine.all())
                    .singleElement()
                    .satisfies(q -> assertThat(q.eventId()).isEqualTo("e-1"));
        }

        @Test
        void batchWithGoodAndBadEventsIsAcceptedAndListsTheBadOnes() {
            String good1 = orderDelivered("g-1", "c-1");
            String bad = "{\"specversion\":\"1.0\",\"id\":\"b-1\",\"source\":\"shop\",\"type\":\"order.teleported\","
                    + "\"subject\":\"c-2\",\"time\":\"2026-06-10T08:00:00Z\"}";
            String good2 = orderDelivered("g-2", "c-3");
            String notAnObject = "42";
            IngestResult r = sendSigned(Events.BATCH, "[" + good1 + "," + bad + "," + good2 + "," + notAnObject + "]");
            assertThat(r.accepted()).isEqualTo(2);
            assertThat(r.rejected()).isEqualTo(2);
            assertThat(queue.published()).extracting(CustomerEvent::id).containsExactly("g-1", "g-2");

            IngestResult.EventResult badResult = r.results().get(1);
            assertThat(badResult.index()).isEqualTo(1);
            assertThat(badResult.id()).isEqualTo("b-1");
            assertThat(badResult.status()).isEqualTo(IngestResult.Status.REJECTED);
            assertThat(badResult.error()).contains("order.teleported").contains("vocabulary");
            String qid = badResult.quarantineId();
            assertThat(quarantine.byId(qid)).hasValueSatisfying(q -> {
                assertThat(q.index()).isEqualTo(1);
                assertThat(q.eventId()).isEqualTo("b-1");
                assertThat(q.rawJson()).contains("order.teleported");
            });
            IngestResult.EventResult last = r.results().get(3);
            assertThat(last.status()).isEqualTo(IngestResult.Status.REJECTED);
            assertThat(last.id()).isNull();
            assertThat(last.error()).isEqualTo("event must be a JSON object");
            assertThat(r.results().get(0).status()).isEqualTo(IngestResult.Status.ACCEPTED);
            assertThat(quarantine.all()).hasSize(2);
        }

        @Test
        void duplicateIdsWithinABatchAreQueuedOnce() {
            String e = orderDelivered("e-1", "c-1");
            IngestResult r = sendSigned(Events.BATCH, "[" + e + "," + e + "," + orderDelivered("e-1", "c-2") + "]");
            assertThat(r.accepted()).isEqualTo(3);
            assertThat(queue.published()).extracting(CustomerEvent::customerId).containsExactly("c-1", "c-2");
            assertThat(r.results().get(1).status()).isEqualTo(IngestResult.Status.DUPLICATE);
        }

        @Test
        void subjectThatLooksLikeAnEmailIsRefusedWithoutEchoingIt() {
            String email = "mario.rossi@example.it";
            String event = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"shop\",\"type\":\"portal.accessed\","
                    + "\"subject\":\"" + email + "\",\"time\":\"2026-06-10T08:00:00Z\"}";
            InvalidEvent r = refused(InvalidEvent.class, () -> sendSigned(Events.SINGLE, event));
            assertThat(r.getMessage()).startsWith("subject must be an opaque customer id");
            assertThat(r.getMessage() + r.results()).doesNotContain(email).doesNotContain("mario");
            assertThat(queue.published()).isEmpty();
        }

        @Test
        void acceptedEventIsNormalised() {
            String withOffset =
                    "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"shop\",\"type\":\"video.watched\","
                            + "\"subject\":\"c-1\",\"time\":\"2026-06-10T10:00:00+02:00\","
                            + "\"data\":{\"videoId\":\"guide\",\"watchedSeconds\":90}}";
            assertThat(sendSigned(Events.SINGLE, withOffset).accepted()).isEqualTo(1);
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
            refused(InvalidEvent.class, () -> sendSigned(Events.SINGLE, erase));
            assertThat(queue.published()).isEmpty();
        }
    }
}
