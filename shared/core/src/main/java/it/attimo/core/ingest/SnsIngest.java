package it.attimo.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.digest.Sha256;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.InvalidSignature;
import it.attimo.core.error.PayloadTooLarge;
import it.attimo.core.event.EventTypes;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.json.Json;
import it.attimo.core.port.ContactLookup;
import it.attimo.core.port.MessageAttribution;
import it.attimo.core.port.PushEndpoints;
import it.attimo.core.port.WebFetcher;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Messages Amazon SNS posts to Attimo's HTTPS subscriptions. Each is checked in this order, and refused at the first
 * problem with nothing stored: the body is an SNS message (400), its topic is one this deployment accepts (401), its
 * signature verifies with a certificate from an SNS host (401). A SubscriptionConfirmation is then confirmed by
 * fetching its SubscribeURL (SNS hosts only); a Notification's payload is mapped to one Attimo event that goes through
 * the one validator and the queue like every other event ({@link IngestEvents}); an unusable payload is kept in
 * quarantine and still answered 2xx (SNS would otherwise retry it for an hour).
 */
public final class SnsIngest {
    public static final int MAX_BODY_BYTES = 256 * 1024 + 16 * 1024;
    private static final Logger LOG = Logger.getLogger(SnsIngest.class.getName());

    private final IngestEvents ingest;
    private final SnsSignatureVerifier verifier;
    private final WebFetcher fetcher;
    private final SesMapping ses;
    private final MessageAttribution attribution;
    private final ContactLookup contacts;
    private final SmsKeywords keywords;
    private final PushEndpoints pushEndpoints;
    private final Set<String> topics;

    /** @param topics the topic ARNs accepted; empty accepts any topic (a local stack, a test) */
    public SnsIngest(
            IngestEvents ingest,
            SnsSignatureVerifier verifier,
            WebFetcher fetcher,
            SesMapping ses,
            MessageAttribution attribution,
            ContactLookup contacts,
            SmsKeywords keywords,
            PushEndpoints pushEndpoints,
            Set<String> topics) {
        this.ingest = ingest;
        this.verifier = verifier;
        this.fetcher = fetcher;
        this.ses = ses;
        this.attribution = attribution;
        this.contacts = contacts;
        this.keywords = keywords;
        this.pushEndpoints = pushEndpoints;
        this.topics = Set.copyOf(topics);
    }

    /** {@code POST /webhooks/ses}: SES sending events (a configuration set's SNS event destination). */
    public SnsDelivery sesEvents(byte[] body) {
        return receive(body, "ses", message -> List.of(sesEvent(message)));
    }

    /**
     * {@code POST /webhooks/sns-sms}: SMS delivery statuses ({@link SmsStatusMapping}) and inbound SMS (SNS two-way SMS /
     * End User Messaging: {@code originationNumber},
     * {@code destinationNumber}, {@code messageBody}, {@code inboundMessageId}). Each customer with that number gets
     * an {@code sms.received} event with the keyword only ({@code STOP}, {@code ANNULLA}, {@code CANCELLA} or
     * {@code other}) and {@code optOut}; a number no customer has is ignored and nothing of it is kept.
     */
    public SnsDelivery smsInbound(byte[] body) {
        return receive(body, "sms", this::smsReceived);
    }

    /**
     * {@code POST /webhooks/sns-push}: the push platform application's endpoint events ({@link PushEndpointEvent}).
     * The endpoint names its customer (the push gateway writes the customer id on it) and says whether it is still
     * enabled ({@link PushEndpoints}); an endpoint the provider disabled (an uninstalled app, an expired token) becomes
     * {@code push.disabled} of that customer, so push is unreachable until a new token arrives. An event that leaves
     * the endpoint enabled (Attimo's own token refresh, a transient failure) is ignored, and so is one of an endpoint
     * that no longer exists (deleted: the next push creates it again) or names no customer.
     */
    public SnsDelivery pushEvents(byte[] body) {
        return receive(body, "push", message -> List.of(pushEvent(message)));
    }

    SnsDelivery receive(byte[] body, String origin, Function<SnsMessage, List<EventOutcome>> map) {
        if (body == null || body.length == 0) throw new BadRequest("the body is empty: an SNS message is expected");
        if (body.length > MAX_BODY_BYTES) {
            throw new PayloadTooLarge("body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        SnsMessage message;
        try {
            message = SnsMessage.parse(Json.parse(body));
        } catch (JsonProcessingException e) {
            throw new BadRequest("body is not valid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new BadRequest("not an SNS message: " + e.getMessage());
        }
        if (!topics.isEmpty() && !topics.contains(message.topicArn())) {
            LOG.info(() -> "SNS message from a topic that is not accepted: " + message.topicArn());
            throw new InvalidSignature("SNS message refused: topic " + message.topicArn() + " is not accepted here");
        }
        verifier.verify(message);
        return switch (message.type()) {
            case SnsMessage.SUBSCRIPTION_CONFIRMATION -> {
                if (!SnsSignatureVerifier.isSnsUrl(message.subscribeUrl())) {
                    throw new BadRequest("SubscribeURL is not an https URL on an Amazon SNS host");
                }
                fetcher.get(URI.create(message.subscribeUrl()));
                LOG.info(() -> "SNS subscription to " + message.topicArn() + " confirmed");
                yield new SnsDelivery(message.type(), message.topicArn(), true, null);
            }
            case SnsMessage.NOTIFICATION -> {
                yield new SnsDelivery(
                        message.type(), message.topicArn(), false, ingest.accept(map.apply(message), origin));
            }
            default -> new SnsDelivery(message.type(), message.topicArn(), false, null);
        };
    }

    /** The id of the event an SNS payload becomes: the same payload (a retry, a second delivery) gives the same id. */
    static String eventId(String prefix, String payload) {
        return prefix + Sha256.hex(payload).substring(0, 32);
    }

    private EventOutcome sesEvent(SnsMessage message) {
        String raw = message.message();
        String id = eventId("ses-", raw);
        JsonNode record;
        try {
            record = Json.parse(raw);
        } catch (JsonProcessingException e) {
            return EventOutcome.rejected(0, id, "the SNS Message is not an SES event (not JSON)", raw);
        }
        Optional<SesMapping.Mapped> mapped;
        try {
            mapped = ses.map(record);
        } catch (IllegalArgumentException e) {
            return EventOutcome.rejected(0, id, e.getMessage(), raw);
        }
        if (mapped.isEmpty()) {
            return EventOutcome.ignored(
                    0,
                    id,
                    "no mapping rule for SES event " + record.path("eventType").asText(""),
                    raw);
        }
        SesMapping.Mapped m = mapped.get();
        Optional<MessageRecord> sent = attribution.byProviderMessageId(m.providerMessageId());
        if (sent.isEmpty()) {
            return EventOutcome.rejected(
                    0, id, "no message was sent with SES message id " + m.providerMessageId(), raw);
        }
        return attributed(id, ses.source(), m.eventType(), m.time().toString(), m.data(), sent.get(), raw);
    }

    private List<EventOutcome> smsReceived(SnsMessage message) {
        String raw = message.message();
        JsonNode sms;
        try {
            sms = Json.parse(raw);
        } catch (JsonProcessingException e) {
            return List.of(EventOutcome.rejected(0, null, "the SNS Message is not an inbound SMS (not JSON)", raw));
        }
        if (SmsStatusMapping.isStatus(sms)) return List.of(smsStatus(sms));
        String from = sms.path("originationNumber").asText(null);
        String inboundId = sms.path("inboundMessageId").asText(message.messageId());
        if (from == null || !sms.path("messageBody").isTextual()) {
            // the text of an unusable SMS is not kept: it may be anything the person wrote
            return List.of(EventOutcome.ignored(
                    0, null, "an inbound SMS needs originationNumber and messageBody", "{\"inboundMessageId\":null}"));
        }
        List<String> customers = contacts.customersByPhone(from);
        if (customers.isEmpty()) {
            return List.of(EventOutcome.ignored(0, null, "no customer has the sending number", null));
        }
        String keyword = keywords.keyword(sms.get("messageBody").asText());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("keyword", keyword);
        data.put("optOut", keywords.isOptOut(keyword));
        data.put("inboundMessageId", inboundId);
        List<EventOutcome> out = new java.util.ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            ObjectNode event = Json.object();
            event.put("specversion", "1.0");
            event.put("id", eventId("sms-", inboundId + "|" + customers.get(i)));
            event.put("source", "aws:sms");
            event.put("type", EventTypes.SMS_RECEIVED);
            event.put("subject", customers.get(i));
            event.put("time", message.timestamp());
            event.set("data", Json.valueToTree(data));
            out.add(ingest.validate(i, event));
        }
        return out;
    }

    /**
     * A delivery status of an SMS Attimo sent (End User Messaging SMS event or SNS SMS delivery log, published to the
     * topic this route is subscribed to): {@code sms.delivered} / {@code sms.failed} attributed to the message through
     * the provider id the ledger recorded; a status of a message Attimo did not send is quarantined without numbers.
     */
    private EventOutcome smsStatus(JsonNode record) {
        String raw = SmsStatusMapping.withoutNumbers(record).toString();
        String id = eventId("sms-status-", raw);
        Optional<SmsStatusMapping.Mapped> mapped;
        try {
            mapped = SmsStatusMapping.map(record);
        } catch (IllegalArgumentException e) {
            return EventOutcome.rejected(0, id, "SMS delivery status: " + e.getMessage(), raw);
        }
        if (mapped.isEmpty()) return EventOutcome.ignored(0, id, "SMS status not final", null);
        SmsStatusMapping.Mapped m = mapped.get();
        Optional<MessageRecord> sent = attribution.byProviderMessageId(m.providerMessageId());
        if (sent.isEmpty()) {
            return EventOutcome.rejected(
                    0, id, "no message was sent with SMS message id " + m.providerMessageId(), raw);
        }
        return attributed(id, SmsStatusMapping.SOURCE, m.eventType(), m.time().toString(), m.data(), sent.get(), raw);
    }

    private EventOutcome pushEvent(SnsMessage message) {
        String raw = message.message();
        String id = eventId("push-", raw);
        PushEndpointEvent event;
        try {
            event = PushEndpointEvent.parse(Json.parse(raw), snsTime(message));
        } catch (JsonProcessingException e) {
            return EventOutcome.rejected(0, id, "the SNS Message is not a push application event (not JSON)", raw);
        } catch (IllegalArgumentException e) {
            return EventOutcome.rejected(0, id, "push application event: " + e.getMessage(), raw);
        }
        Optional<PushEndpoints.Endpoint> endpoint = pushEndpoints.find(event.endpointArn());
        if (endpoint.isEmpty()) {
            return EventOutcome.ignored(0, id, "the push endpoint no longer exists or names no customer", null);
        }
        if (endpoint.get().enabled() && !PushEndpointEvent.DELETED.equals(event.eventType())) {
            return EventOutcome.ignored(0, id, event.eventType() + " left the push endpoint enabled", null);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reason", event.failureType() != null ? event.failureType() : event.eventType());
        data.put("endpointEvent", event.eventType());
        return validated(
                id,
                PUSH_SOURCE,
                EventTypes.PUSH_DISABLED,
                endpoint.get().customerId(),
                event.time().toString(),
                data,
                raw);
    }

    /** The CloudEvent source of what the push provider reports about an endpoint. */
    public static final String PUSH_SOURCE = "aws:sns-push";

    private static java.time.Instant snsTime(SnsMessage message) {
        try {
            return message.timestamp() == null ? null : java.time.Instant.parse(message.timestamp());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** An outcome event of a message: its data names the message (ids only), then the one validator checks it. */
    EventOutcome attributed(
            String id,
            String source,
            String type,
            String time,
            Map<String, Object> fields,
            MessageRecord message,
            String raw) {
        Map<String, Object> data = new LinkedHashMap<>(fields);
        data.put("messageId", message.messageId());
        if (message.journey() != null) data.put("journey", message.journey());
        if (message.step() != null) data.put("step", message.step());
        data.put("providerMessageId", message.providerMessageId());
        return validated(id, source, type, message.customerId(), time, data, raw);
    }

    /** The event an SNS payload became, through the one validator; refused, it is quarantined with the payload. */
    private EventOutcome validated(
            String id, String source, String type, String subject, String time, Map<String, Object> data, String raw) {
        ObjectNode event = Json.object();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", source);
        event.put("type", type);
        event.put("subject", subject);
        event.put("time", time);
        event.set("data", Json.valueToTree(data));
        EventOutcome checked = ingest.validate(0, event);
        return checked.status() == EventOutcome.Status.REJECTED
                ? EventOutcome.rejected(0, id, checked.error(), raw)
                : checked;
    }
}
