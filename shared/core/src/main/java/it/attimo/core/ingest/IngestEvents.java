package it.attimo.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.digest.Sha256;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.InvalidSignature;
import it.attimo.core.error.MalformedJson;
import it.attimo.core.error.PayloadTooLarge;
import it.attimo.core.error.UnsupportedMediaType;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.json.Json;
import it.attimo.core.json.Utf8;
import it.attimo.core.port.EventQueue;
import it.attimo.core.port.QuarantineStore;
import it.attimo.core.port.SecretProvider;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The ingest use case: authenticate, parse, validate and normalise events, keep the unusable ones in quarantine,
 * queue the good ones, answer fast with a result per event. A delivery that cannot be taken at all is refused with a
 * {@link it.attimo.core.error.RequestRefused} (nothing queued; only unparseable JSON and a rejected single event are
 * kept in quarantine).
 */
public final class IngestEvents {
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    public static final int MAX_BATCH = 500;
    private static final Logger LOG = Logger.getLogger(IngestEvents.class.getName());

    private final EventQueue queue;
    private final QuarantineStore quarantine;
    private final SecretProvider secrets;
    private final HubSpotMapping hubSpotMapping;
    private final Clock wallClock;
    private final AttimoSignatureVerifier attimoVerifier;
    private final HubSpotSignatureVerifier hubSpotVerifier;
    private final CloudEventValidator validator = new CloudEventValidator();

    /**
     * @param wallClock the real clock: signature freshness is never judged on the virtual clock
     */
    public IngestEvents(
            EventQueue queue,
            QuarantineStore quarantine,
            SecretProvider secrets,
            HubSpotMapping hubSpotMapping,
            Clock wallClock) {
        this.queue = queue;
        this.quarantine = quarantine;
        this.secrets = secrets;
        this.hubSpotMapping = hubSpotMapping;
        this.wallClock = wallClock;
        this.attimoVerifier = new AttimoSignatureVerifier(wallClock);
        this.hubSpotVerifier = new HubSpotSignatureVerifier(wallClock);
    }

    /** CloudEvents from a client, one or a batch, signed with the Attimo signature. */
    public IngestResult cloudEvents(CloudEventsDelivery delivery) {
        // Before the signature: an oversized body is refused without hashing it (and a proxy may have cut it short).
        if (delivery.body().length > MAX_BODY_BYTES) {
            throw new PayloadTooLarge("body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        SignatureCheck check = attimoVerifier.verify(
                secrets.webhookSecret().orElse(null),
                delivery.signatureTimestamp(),
                delivery.signature(),
                delivery.body());
        if (check != SignatureCheck.VALID) {
            LOG.info(() -> "CloudEvents delivery refused: " + check);
            throw new InvalidSignature(check.message());
        }
        Mode mode = Mode.of(delivery.contentType(), delivery.binaryMode());
        if (mode == null) {
            throw new UnsupportedMediaType("Content-Type must be application/cloudevents+json, "
                    + "application/cloudevents-batch+json or application/json (or send binary mode: the attributes "
                    + "as ce-* headers, ce-specversion among them)");
        }
        if (mode == Mode.BINARY) return binaryMode(delivery);
        JsonNode root;
        try {
            root = Json.parse(delivery.body());
        } catch (JsonProcessingException e) {
            String qid = keepWholeBody("events", delivery.body(), "body is not valid JSON");
            throw new MalformedJson(
                    "body is not valid JSON"
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line " + e.getLocation().getLineNr() + ", column "
                                            + e.getLocation().getColumnNr() + ")")
                            + ": " + e.getOriginalMessage() + "; kept as quarantine " + qid,
                    qid);
        }
        if (mode == Mode.SINGLE && root.isArray()) {
            throw new BadRequest("a JSON array needs Content-Type application/cloudevents-batch+json");
        }
        if (mode == Mode.BATCH && !root.isArray()) {
            throw new BadRequest("application/cloudevents-batch+json needs a JSON array of events");
        }
        if (root.isArray() && root.isEmpty()) throw new BadRequest("the batch is empty");
        if (root.isArray() && root.size() > MAX_BATCH) {
            throw new PayloadTooLarge("a batch holds at most " + MAX_BATCH + " events, got " + root.size());
        }
        List<EventOutcome> outcomes = new ArrayList<>();
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) outcomes.add(validator.check(i, root.get(i)));
        } else {
            outcomes.add(validator.check(0, root));
        }
        IngestResult result = accept(outcomes, "events");
        if (!root.isArray() && outcomes.get(0).status() == EventOutcome.Status.REJECTED) {
            throw new InvalidEvent(outcomes.get(0).error(), result.results());
        }
        return result;
    }

    /** Binary mode holds one event: a rejected one is refused as a whole, as a single structured event is. */
    private IngestResult binaryMode(CloudEventsDelivery delivery) {
        BinaryModeEvent binary =
                BinaryModeEvent.of(delivery.cloudEventHeaders(), delivery.contentType(), delivery.body());
        EventOutcome outcome = binary.problem() == null
                ? validator.check(0, binary.event())
                : EventOutcome.rejected(
                        0,
                        binary.event().path("id").isTextual()
                                ? binary.event().get("id").asText()
                                : null,
                        binary.problem(),
                        binary.event().toString());
        IngestResult result = accept(List.of(outcome), "events");
        if (outcome.status() == EventOutcome.Status.REJECTED) {
            throw new InvalidEvent(outcome.error(), result.results());
        }
        return result;
    }

    /** A HubSpot webhook delivery: a JSON array of HubSpot events, each mapped to a CloudEvent or ignored. */
    public IngestResult hubSpot(HubSpotDelivery delivery) {
        if (delivery.body().length > MAX_BODY_BYTES) {
            throw new PayloadTooLarge("body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        SignatureCheck check =
                hubSpotVerifier.verify(secrets.hubspotClientSecret().orElse(null), delivery);
        if (check != SignatureCheck.VALID) {
            LOG.info(() -> "HubSpot webhook refused: " + check);
            throw new InvalidSignature(check.message());
        }
        String ct = delivery.contentType();
        if (ct != null && !ct.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new UnsupportedMediaType("HubSpot webhooks are application/json");
        }
        JsonNode root;
        try {
            root = Json.parse(delivery.body());
        } catch (JsonProcessingException e) {
            String qid = keepWholeBody("hubspot", delivery.body(), "body is not valid JSON");
            throw new MalformedJson(
                    "body is not valid JSON: " + e.getOriginalMessage() + "; kept as quarantine " + qid, qid);
        }
        if (!root.isArray()) throw new BadRequest("a HubSpot webhook body is a JSON array of events");
        if (root.size() > MAX_BATCH) throw new PayloadTooLarge("at most " + MAX_BATCH + " events per request");
        List<EventOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) outcomes.add(mapHubSpot(i, root.get(i)));
        return accept(outcomes, "hubspot");
    }

    private EventOutcome mapHubSpot(int index, JsonNode e) {
        String raw = e.toString();
        String id = e.isObject() ? hubSpotEventId(e) : null;
        Optional<HubSpotMapping.Mapped> mapped;
        try {
            mapped = hubSpotMapping.map(e);
        } catch (IllegalArgumentException ex) {
            return EventOutcome.rejected(index, id, ex.getMessage(), raw);
        }
        if (mapped.isEmpty()) {
            return EventOutcome.ignored(
                    index,
                    id,
                    "no mapping rule for " + e.path("subscriptionType").asText()
                            + (e.has("propertyName")
                                    ? " " + e.path("propertyName").asText()
                                    : ""),
                    raw);
        }
        HubSpotMapping.Mapped m = mapped.get();
        ObjectNode cloudEvent = Json.object();
        cloudEvent.put("specversion", "1.0");
        cloudEvent.put("id", id);
        cloudEvent.put("source", "hubspot:portal/" + e.get("portalId").asText());
        cloudEvent.put("type", m.eventType());
        cloudEvent.put("subject", m.customerId());
        cloudEvent.put(
                "time", Instant.ofEpochMilli(e.get("occurredAt").asLong()).toString());
        cloudEvent.set("data", Json.valueToTree(m.data()));
        if (EventTypes.CUSTOMER_ERASED.equals(m.eventType())) {
            // Internal type: not accepted from clients, so it skips the public validator.
            return EventOutcome.accepted(
                    index,
                    new CustomerEvent(
                            id,
                            cloudEvent.get("source").asText(),
                            m.eventType(),
                            m.customerId(),
                            Instant.ofEpochMilli(e.get("occurredAt").asLong()),
                            m.data()),
                    raw);
        }
        EventOutcome checked = validator.check(index, cloudEvent);
        return checked.status() == EventOutcome.Status.REJECTED
                ? EventOutcome.rejected(index, id, checked.error(), raw)
                : checked;
    }

    /** HubSpot's eventId is not unique on its own: the id is a digest of the composite key HubSpot recommends. */
    static String hubSpotEventId(JsonNode e) {
        String key = String.join(
                "|",
                e.path("portalId").asText(),
                e.path("subscriptionType").asText(),
                e.path("objectId").asText(),
                e.path("propertyName").asText(),
                e.path("propertyValue").asText(),
                e.path("occurredAt").asText(),
                e.path("eventId").asText());
        return "hs-" + Sha256.hex(key).substring(0, 32);
    }

    /** The one validator, for an event another delivery format was mapped to (SNS, Mailchimp, Salesforce). */
    EventOutcome validate(int index, JsonNode cloudEvent) {
        return validator.check(index, cloudEvent);
    }

    /** Quarantines the rejected, queues the accepted (once each), and counts: every delivery format ends here. */
    IngestResult accept(List<EventOutcome> outcomes, String origin) {
        Instant now = wallClock.instant();
        List<CustomerEvent> toQueue = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<IngestResult.EventResult> results = new ArrayList<>();
        int accepted = 0, rejected = 0, ignored = 0;
        for (EventOutcome o : outcomes) {
            switch (o.status()) {
                case ACCEPTED -> {
                    accepted++;
                    String key = o.event().customerId() + "\u0000" + o.event().id();
                    boolean first = seen.add(key);
                    if (first) toQueue.add(o.event());
                    results.add(new IngestResult.EventResult(
                            o.index(),
                            o.eventId(),
                            first ? IngestResult.Status.ACCEPTED : IngestResult.Status.DUPLICATE,
                            null,
                            null,
                            null));
                }
                case REJECTED -> {
                    rejected++;
                    String qid = UUID.randomUUID().toString();
                    quarantine.keep(
                            new QuarantinedEvent(qid, origin, o.index(), o.eventId(), o.error(), o.rawJson(), now));
                    results.add(new IngestResult.EventResult(
                            o.index(), o.eventId(), IngestResult.Status.REJECTED, o.error(), qid, null));
                }
                case IGNORED -> {
                    ignored++;
                    results.add(new IngestResult.EventResult(
                            o.index(), o.eventId(), IngestResult.Status.IGNORED, null, null, o.error()));
                }
            }
        }
        if (!toQueue.isEmpty()) queue.publish(toQueue);
        int a = accepted, rj = rejected;
        LOG.fine(() -> origin + ": accepted " + a + ", rejected " + rj);
        return new IngestResult(accepted, rejected, ignored, results);
    }

    private String keepWholeBody(String origin, byte[] body, String reason) {
        String qid = UUID.randomUUID().toString();
        quarantine.keep(new QuarantinedEvent(qid, origin, -1, null, reason, text(body), wallClock.instant()));
        return qid;
    }

    /** The body as text, or, when it is not UTF-8, as {@code {"body_base64": …}} so that no byte is lost. */
    private static String text(byte[] body) {
        try {
            return Utf8.decode(body);
        } catch (JsonProcessingException notUtf8) {
            ObjectNode kept = Json.object();
            kept.put("body_base64", Base64.getEncoder().encodeToString(body));
            return kept.toString();
        }
    }

    private enum Mode {
        SINGLE,
        BATCH,
        EITHER,
        BINARY;

        /** The binding's rule: an {@code application/cloudevents*} type is structured (or batch), whatever headers come with it. */
        static Mode of(String contentType, boolean binaryHeaders) {
            String ct = BinaryModeEvent.mediaType(contentType);
            if (ct.equals("application/cloudevents+json")) return SINGLE;
            if (ct.equals("application/cloudevents-batch+json")) return BATCH;
            if (binaryHeaders) return BINARY;
            return ct.equals("application/json") ? EITHER : null;
        }
    }
}
