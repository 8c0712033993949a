package it.attimo.core.ingest;

import static it.attimo.core.testing.FixedSecrets.WEBHOOK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import it.attimo.core.error.InvalidSignature;
import it.attimo.core.error.MalformedJson;
import it.attimo.core.error.UnsupportedMediaType;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.json.Json;
import it.attimo.core.testing.FixedSecrets;
import it.attimo.core.testing.InMemoryEventQueue;
import it.attimo.core.testing.InMemoryQuarantineStore;
import it.attimo.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryModeEventTest {
    final MutableClock wall = MutableClock.at("2026-11-22T10:00:00Z");
    final InMemoryEventQueue queue = new InMemoryEventQueue();
    final InMemoryQuarantineStore quarantine = new InMemoryQuarantineStore();
    final IngestEvents ingest =
            new IngestEvents(queue, quarantine, FixedSecrets.defaults(), HubSpotMapping.loadDefault(), wall);

    static Map<String, String> headers(String id, String type, String subject) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("ce-specversion", "1.0");
        h.put("ce-id", id);
        h.put("ce-source", "shop:web");
        h.put("ce-type", type);
        h.put("ce-subject", subject);
        h.put("ce-time", "2026-06-10T08:00:00Z");
        return h;
    }

    IngestResult post(Map<String, String> ceHeaders, String contentType, byte[] body) {
        long ts = wall.millis();
        return ingest.cloudEvents(new CloudEventsDelivery(
                body, contentType, Long.toString(ts), AttimoSignatureVerifier.sign(WEBHOOK, ts, body), ceHeaders));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anAttimoEventInBinaryModeIsQueuedWithItsAttributesFromTheHeadersAndItsDataFromTheBody() {
        Map<String, String> h = headers("b-1", "order.delivered", "c-1");
        h.put("ce-traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        IngestResult result = post(h, "application/json", utf8("{\"orderId\":\"o-1\"}"));

        assertThat(result.accepted()).isEqualTo(1);
        CustomerEvent e = queue.published().get(0);
        assertThat(e.id()).isEqualTo("b-1");
        assertThat(e.source()).isEqualTo("shop:web");
        assertThat(e.type()).isEqualTo("order.delivered");
        assertThat(e.customerId()).isEqualTo("c-1");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-06-10T08:00:00Z"));
        assertThat(e.data()).containsEntry("orderId", "o-1");
    }

    @Test
    void headerNamesAreCaseInsensitiveAndValuesPercentDecoded() {
        Map<String, String> h = new LinkedHashMap<>(headers("b-%C3%A8", "portal.accessed", "c-2"));
        h.put("CE-Source", "shop%3A%20caf%C3%A8+bar");
        h.remove("ce-source");
        post(h, "application/json; charset=utf-8", utf8("{}"));

        CustomerEvent e = queue.published().get(0);
        assertThat(e.id()).isEqualTo("b-è");
        assertThat(e.source()).isEqualTo("shop: cafè+bar");
    }

    @Test
    void anEmptyBodyIsAnEventWithoutData() {
        post(headers("b-3", "portal.accessed", "c-3"), null, new byte[0]);
        assertThat(queue.published())
                .singleElement()
                .satisfies(e -> assertThat(e.data()).isEmpty());
    }

    @Test
    void theSignatureCoversTheBodyInBinaryModeToo() {
        Map<String, String> h = headers("b-4", "portal.accessed", "c-4");
        long ts = wall.millis();
        byte[] signed = utf8("{}");
        assertThatThrownBy(() -> ingest.cloudEvents(new CloudEventsDelivery(
                        utf8("{\"x\":1}"),
                        "application/json",
                        Long.toString(ts),
                        AttimoSignatureVerifier.sign(WEBHOOK, ts, signed),
                        h)))
                .isInstanceOf(InvalidSignature.class);
        assertThat(queue.published()).isEmpty();
        assertThat(quarantine.all()).isEmpty();
    }

    @Test
    void aCloudEventsContentTypeIsStructuredModeWhateverHeadersComeWithIt() {
        String structured = "{\"specversion\":\"1.0\",\"id\":\"s-1\",\"source\":\"shop\",\"type\":\"portal.accessed\","
                + "\"subject\":\"c-5\",\"time\":\"2026-06-10T08:00:00Z\"}";
        post(headers("b-5", "order.delivered", "c-other"), "application/cloudevents+json", utf8(structured));
        assertThat(queue.published()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("s-1");
            assertThat(e.customerId()).isEqualTo("c-5");
        });
    }

    @Test
    void withoutCeSpecversionAnotherContentTypeIsA415ThatMentionsBinaryMode() {
        Map<String, String> h = headers("b-6", "portal.accessed", "c-6");
        h.remove("ce-specversion");
        UnsupportedMediaType refusal =
                catchThrowableOfType(UnsupportedMediaType.class, () -> post(h, "text/plain", utf8("hello")));
        assertThat(refusal.getMessage()).contains("ce-specversion");
        assertThat(quarantine.all()).isEmpty();
    }

    @Test
    void aHeaderThatCannotBeAnAttributeRejectsTheEventAndKeepsItWhole() {
        Map<String, String> h = headers("b-7", "portal.accessed", "c-7");
        h.put("ce-data", "{}");
        InvalidEvent refusal = catchThrowableOfType(InvalidEvent.class, () -> post(h, "application/json", utf8("{}")));
        assertThat(refusal.getMessage())
                .isEqualTo("header ce-data is not allowed in binary mode: the data is the request body");
        assertThat(quarantine.all())
                .singleElement()
                .satisfies(q -> assertThat(q.eventId()).isEqualTo("b-7"));

        Map<String, String> dashed = headers("b-8", "portal.accessed", "c-8");
        dashed.put("ce-trace-id", "x");
        assertThat(catchThrowableOfType(InvalidEvent.class, () -> post(dashed, null, new byte[0]))
                        .getMessage())
                .startsWith("header ce-trace-id is not a CloudEvents attribute");

        Map<String, String> badEscape = headers("b-9", "portal.accessed", "c-9");
        badEscape.put("ce-source", "shop%zz");
        assertThat(catchThrowableOfType(InvalidEvent.class, () -> post(badEscape, null, new byte[0]))
                        .getMessage())
                .isEqualTo("header ce-source: '%' must be followed by two hex digits (percent-encoding)");
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void aBodyThatIsNotTheJsonItsTypeSaysIsRejectedAndKeptByteForByte() throws Exception {
        byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        InvalidEvent refusal = catchThrowableOfType(
                InvalidEvent.class,
                () -> post(headers("b-10", "portal.accessed", "c-10"), "application/json", notUtf8));
        assertThat(refusal.getMessage())
                .isEqualTo(
                        "the body is not valid JSON for Content-Type application/json: invalid UTF-8: malformed byte "
                                + "sequence at byte offset 6");
        String kept = quarantine.all().get(0).rawJson();
        assertThat(Base64.getDecoder()
                        .decode(Json.MAPPER.readTree(kept).path("data_base64").asText()))
                .isEqualTo(notUtf8);

        InvalidEvent truncated = catchThrowableOfType(
                InvalidEvent.class,
                () -> post(headers("b-11", "portal.accessed", "c-11"), "application/json", utf8("{\"a\":\"b")));
        assertThat(truncated.getMessage()).startsWith("the body is not valid JSON for Content-Type application/json");
    }

    @Test
    void anUnknownCharsetIsNamed() {
        InvalidEvent refusal = catchThrowableOfType(
                InvalidEvent.class,
                () -> post(headers("b-12", "portal.accessed", "c-12"), "text/plain; charset=klingon", utf8("hi")));
        assertThat(refusal.getMessage()).isEqualTo("Content-Type names an unknown charset: klingon");
    }

    @Test
    void structuredBodiesThatAreNotUtf8AreMalformedJsonNamingTheOffsetAndKeptAsBase64() throws Exception {
        byte[] notUtf8 = {'[', '"', (byte) 0xFF, '"', ']'};
        MalformedJson refusal = catchThrowableOfType(
                MalformedJson.class, () -> post(Map.of(), "application/cloudevents-batch+json", notUtf8));
        assertThat(refusal.getMessage()).contains("invalid UTF-8: malformed byte sequence at byte offset 2");
        String kept = quarantine.all().get(0).rawJson();
        assertThat(Base64.getDecoder()
                        .decode(Json.MAPPER.readTree(kept).path("body_base64").asText()))
                .isEqualTo(notUtf8);
    }
}
