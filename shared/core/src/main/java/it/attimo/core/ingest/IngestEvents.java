package it.attimo.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.api.ApiErrors;
import it.attimo.core.api.ApiRequest;
import it.attimo.core.api.ApiResponse;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.json.Json;
import it.attimo.core.port.EventQueue;
import it.attimo.core.port.QuarantineStore;
import it.attimo.core.port.SecretProvider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The ingest use case: authenticate, parse, validate and normalise events, keep the unusable ones in quarantine,
 * queue the good ones, answer fast with a result per event. Routes {@code POST /events} (CloudEvents) and
 * {@code POST /webhooks/hubspot}.
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

    public ApiResponse handle(ApiRequest request) {
        String path = request.path() == null ? "" : request.path().replaceAll("/+$", "");
        boolean events = path.endsWith("/events");
        boolean hubspot = path.endsWith("/webhooks/hubspot");
        if (!events && !hubspot) return ApiErrors.notFound("no route for " + request.method() + " " + request.path());
        if (!"POST".equals(request.method())) return ApiErrors.methodNotAllowed("use POST");
        return events ? cloudEvents(request) : hubSpot(request);
    }

    private ApiResponse cloudEvents(ApiRequest request) {
        // Before the signature: an oversized body is refused without hashing it (and a proxy may have cut it short).
        if (request.body().length > MAX_BODY_BYTES)
            return ApiErrors.tooLarge("body is larger than " + MAX_BODY_BYTES + " bytes");
        SignatureCheck check = attimoVerifier.verify(
                secrets.webhookSecret().orElse(null),
                request.header(AttimoSignatureVerifier.TIMESTAMP_HEADER),
                request.header(AttimoSignatureVerifier.SIGNATURE_HEADER),
                request.body());
        if (check != SignatureCheck.VALID) {
            LOG.info(() -> "POST /events refused: " + check);
            return ApiErrors.unauthorized(check.message());
        }
        Mode mode = Mode.of(request.header("Content-Type"));
        if (mode == null) {
            return ApiErrors.unsupportedMediaType("Content-Type must be application/cloudevents+json, "
                    + "application/cloudevents-batch+json or application/json");
        }
        JsonNode root;
        try {
            root = Json.parse(request.bodyText());
        } catch (JsonProcessingException e) {
            String qid = keepWholeBody("events", request, "body is not valid JSON");
            return ApiErrors.error(
                    400,
                    "malformed_json",
                    "body is not valid JSON (line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage()
                            + "; kept as quarantine " + qid);
        }
        if (mode == Mode.SINGLE && root.isArray()) {
            return ApiErrors.badRequest("a JSON array needs Content-Type application/cloudevents-batch+json");
        }
        if (mode == Mode.BATCH && !root.isArray()) {
            return ApiErrors.badRequest("application/cloudevents-batch+json needs a JSON array of events");
        }
        if (root.isArray() && root.isEmpty()) return ApiErrors.badRequest("the batch is empty");
        if (root.isArray() && root.size() > MAX_BATCH) {
            return ApiErrors.tooLarge("a batch holds at most " + MAX_BATCH + " events, got " + root.size());
        }
        List<EventOutcome> outcomes = new ArrayList<>();
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) outcomes.add(validator.check(i, root.get(i)));
        } else {
            outcomes.add(validator.check(0, root));
        }
        Result result = accept(outcomes, "events");
        if (!root.isArray() && outcomes.get(0).status() == EventOutcome.Status.REJECTED) {
            ObjectNode body = (ObjectNode) Json.MAPPER.createObjectNode();
            body.put("error", "invalid_event");
            body.put("message", outcomes.get(0).error());
            body.set("results", result.body().get("results"));
            return ApiResponse.json(400, body.toString());
        }
        return result.response();
    }

    private ApiResponse hubSpot(ApiRequest request) {
        if (request.body().length > MAX_BODY_BYTES)
            return ApiErrors.tooLarge("body is larger than " + MAX_BODY_BYTES + " bytes");
        SignatureCheck check =
                hubSpotVerifier.verify(secrets.hubspotClientSecret().orElse(null), request);
        if (check != SignatureCheck.VALID) {
            LOG.info(() -> "POST /webhooks/hubspot refused: " + check);
            return ApiErrors.unauthorized(check.message());
        }
        String ct = request.header("Content-Type");
        if (ct != null && !ct.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return ApiErrors.unsupportedMediaType("HubSpot webhooks are application/json");
        }
        JsonNode root;
        try {
            root = Json.parse(request.bodyText());
        } catch (JsonProcessingException e) {
            String qid = keepWholeBody("hubspot", request, "body is not valid JSON");
            return ApiErrors.error(
                    400,
                    "malformed_json",
                    "body is not valid JSON: " + e.getOriginalMessage() + "; kept as quarantine " + qid);
        }
        if (!root.isArray()) return ApiErrors.badRequest("a HubSpot webhook body is a JSON array of events");
        if (root.size() > MAX_BATCH) return ApiErrors.tooLarge("at most " + MAX_BATCH + " events per request");
        List<EventOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) outcomes.add(mapHubSpot(i, root.get(i)));
        return accept(outcomes, "hubspot").response();
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
        return "hs-"
                + Hmac.hex(Hmac.sha256(key.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    }

    private Result accept(List<EventOutcome> outcomes, String origin) {
        Instant now = wallClock.instant();
        List<CustomerEvent> toQueue = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        ArrayNode results = Json.MAPPER.createArrayNode();
        int accepted = 0, rejected = 0, ignored = 0;
        for (EventOutcome o : outcomes) {
            ObjectNode r = results.addObject();
            r.put("index", o.index());
            if (o.eventId() != null) r.put("id", o.eventId());
            switch (o.status()) {
                case ACCEPTED -> {
                    accepted++;
                    String key = o.event().customerId() + "\u0000" + o.event().id();
                    if (seen.add(key)) {
                        toQueue.add(o.event());
                        r.put("status", "accepted");
                    } else {
                        r.put("status", "duplicate");
                    }
                }
                case REJECTED -> {
                    rejected++;
                    String qid = UUID.randomUUID().toString();
                    quarantine.keep(
                            new QuarantinedEvent(qid, origin, o.index(), o.eventId(), o.error(), o.rawJson(), now));
                    r.put("status", "rejected");
                    r.put("error", o.error());
                    r.put("quarantineId", qid);
                }
                case IGNORED -> {
                    ignored++;
                    r.put("status", "ignored");
                    r.put("reason", o.error());
                }
            }
        }
        if (!toQueue.isEmpty()) queue.publish(toQueue);
        ObjectNode body = Json.object();
        body.put("accepted", accepted);
        body.put("rejected", rejected);
        body.put("ignored", ignored);
        body.set("results", results);
        int a = accepted, rj = rejected;
        LOG.fine(() -> origin + ": accepted " + a + ", rejected " + rj);
        return new Result(body);
    }

    private String keepWholeBody(String origin, ApiRequest request, String reason) {
        String qid = UUID.randomUUID().toString();
        quarantine.keep(new QuarantinedEvent(qid, origin, -1, null, reason, request.bodyText(), wallClock.instant()));
        return qid;
    }

    private record Result(ObjectNode body) {
        ApiResponse response() {
            return ApiResponse.json(202, body.toString());
        }
    }

    private enum Mode {
        SINGLE,
        BATCH,
        EITHER;

        static Mode of(String contentType) {
            if (contentType == null) return null;
            String ct = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
            return switch (ct) {
                case "application/cloudevents+json" -> SINGLE;
                case "application/cloudevents-batch+json" -> BATCH;
                case "application/json" -> EITHER;
                default -> null;
            };
        }
    }
}
