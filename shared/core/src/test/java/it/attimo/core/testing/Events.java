package it.attimo.core.testing;

import it.attimo.core.event.CloudEventJson;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.ingest.AttimoSignatureVerifier;
import it.attimo.core.ingest.CloudEventsDelivery;
import it.attimo.core.ingest.HubSpotDelivery;
import it.attimo.core.ingest.HubSpotSignature;
import it.attimo.core.ingest.HubSpotSignatureVerifier;
import it.attimo.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for customer events and for signed requests to the ingest routes. */
public final class Events {
    public static final String SINGLE = "application/cloudevents+json";
    public static final String BATCH = "application/cloudevents-batch+json";
    public static final String HUBSPOT_URL = "https://api.attimo.example/webhooks/hubspot";

    private Events() {}

    public static Builder event(String type, String customerId) {
        return new Builder(type, customerId);
    }

    /** A fluent {@link CustomerEvent}: id defaults to {@code type#customer#time}, time to 2026-06-10T08:00:00Z. */
    public static final class Builder {
        private final String type;
        private final String customerId;
        private String id;
        private String source = "test";
        private Instant time = Instant.parse("2026-06-10T08:00:00Z");
        private final Map<String, Object> data = new LinkedHashMap<>();

        private Builder(String type, String customerId) {
            this.type = type;
            this.customerId = customerId;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder at(Instant time) {
            this.time = time;
            return this;
        }

        public Builder at(String isoInstant) {
            this.time = Instant.parse(isoInstant);
            return this;
        }

        public Builder data(String key, Object value) {
            data.put(key, value);
            return this;
        }

        public CustomerEvent build() {
            String eventId = id != null ? id : type + "-" + customerId + "-" + time.toEpochMilli();
            return new CustomerEvent(eventId, source, type, customerId, time, data);
        }

        /** As CloudEvents structured JSON. */
        public String json() {
            return CloudEventJson.toJson(build());
        }
    }

    public static String batchJson(List<CustomerEvent> events) {
        var arr = Json.MAPPER.createArrayNode();
        events.forEach(e -> arr.add(CloudEventJson.toNode(e)));
        return arr.toString();
    }

    /** CloudEvents signed with {@code secret} at the wall clock's current instant. */
    public static CloudEventsDelivery signedEvents(String secret, Clock wallClock, String contentType, String body) {
        return signedEvents(secret, wallClock.millis(), contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static CloudEventsDelivery signedEvents(
            String secret, long timestampMillis, String contentType, byte[] body) {
        return new CloudEventsDelivery(
                body,
                contentType,
                Long.toString(timestampMillis),
                AttimoSignatureVerifier.sign(secret, timestampMillis, body));
    }

    /** A HubSpot webhook signed with HubSpot's v3 scheme at the wall clock's current instant. */
    public static HubSpotDelivery signedHubSpot(String clientSecret, Clock wallClock, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long ts = wallClock.millis();
        return new HubSpotDelivery(
                "POST",
                HUBSPOT_URL,
                bytes,
                "application/json",
                new HubSpotSignature(
                        HubSpotSignatureVerifier.signV3(clientSecret, "POST", HUBSPOT_URL, bytes, ts),
                        Long.toString(ts),
                        null,
                        null));
    }
}
