package it.attimo.core.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.InvalidSignature;
import it.attimo.core.error.PayloadTooLarge;
import it.attimo.core.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * {@code POST /webhooks/salesforce}: Salesforce Outbound Messages (what a Flow or workflow rule sends without code).
 * Only configured Organization Ids are accepted (compared on their 15-character form; none configured accepts none):
 * another is a 401 and nothing is stored. Each Notification is mapped ({@link SalesforceMapping}) to one event that
 * goes through the one validator and the queue; unusable ones are kept in quarantine. The caller answers with the
 * SOAP Ack Salesforce needs ({@link #ACK}), or Salesforce retries the whole message for 24 hours.
 */
public final class SalesforceIngest {
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    public static final String ACK = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<soapenv:Body><notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\">"
            + "<Ack>true</Ack></notificationsResponse></soapenv:Body></soapenv:Envelope>";
    private static final Logger LOG = Logger.getLogger(SalesforceIngest.class.getName());

    private final IngestEvents ingest;
    private final SalesforceMapping mapping;
    private final Set<String> organizations;
    private final Clock wallClock;

    public SalesforceIngest(
            IngestEvents ingest, SalesforceMapping mapping, Set<String> organizationIds, Clock wallClock) {
        this.ingest = ingest;
        this.mapping = mapping;
        this.organizations =
                organizationIds.stream().map(SalesforceIngest::org15).collect(Collectors.toSet());
        this.wallClock = wallClock;
    }

    static String org15(String id) {
        String s = id.strip();
        return s.length() > 15 ? s.substring(0, 15) : s;
    }

    public IngestResult outboundMessage(byte[] body) {
        if (body.length > MAX_BODY_BYTES) throw new PayloadTooLarge("body is larger than " + MAX_BODY_BYTES + " bytes");
        SalesforceOutboundMessage message;
        try {
            message = SalesforceOutboundMessage.parse(body);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("not a Salesforce Outbound Message: " + e.getMessage());
        }
        if (!organizations.contains(org15(message.organizationId()))) {
            LOG.info(() -> "Salesforce Outbound Message from organization " + message.organizationId() + " refused");
            throw new InvalidSignature("Organization Id " + message.organizationId() + " is not accepted here");
        }
        Instant received = wallClock.instant();
        List<EventOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < message.notifications().size(); i++) {
            outcomes.add(
                    map(i, message.organizationId(), message.notifications().get(i), received));
        }
        return ingest.accept(outcomes, "salesforce");
    }

    private EventOutcome map(int index, String org, SalesforceOutboundMessage.Notification n, Instant received) {
        String id = SnsIngest.eventId("sf-", org15(org) + "|" + n.id());
        String raw = Json.write(n);
        Optional<SalesforceMapping.Mapped> mapped;
        try {
            mapped = mapping.map(n);
        } catch (IllegalArgumentException e) {
            return EventOutcome.rejected(index, id, e.getMessage(), raw);
        }
        if (mapped.isEmpty()) {
            return EventOutcome.ignored(index, id, "no mapping rule for " + n.sObjectType(), null);
        }
        SalesforceMapping.Mapped m = mapped.get();
        String time;
        try {
            time = m.time() == null
                    ? received.toString()
                    : OffsetDateTime.parse(m.time()).toInstant().toString();
        } catch (DateTimeParseException e) {
            return EventOutcome.rejected(index, id, "LastModifiedDate is not an ISO-8601 date-time", raw);
        }
        ObjectNode event = Json.object();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", "salesforce:org/" + org15(org));
        event.put("type", m.eventType());
        event.put("subject", m.customerId());
        event.put("time", time);
        event.set("data", Json.valueToTree(m.data()));
        EventOutcome checked = ingest.validate(index, event);
        return checked.status() == EventOutcome.Status.REJECTED
                ? EventOutcome.rejected(index, id, checked.error(), raw)
                : checked;
    }
}
