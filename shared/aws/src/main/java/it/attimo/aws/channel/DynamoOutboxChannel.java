package it.attimo.aws.channel;

import it.attimo.aws.dynamo.AttimoTables;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.journey.OutboundMessage;
import it.attimo.core.message.RenderedMessage;
import it.attimo.core.port.AccountManagerTasks;
import it.attimo.core.port.ChannelGateway;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local stand-in for SES and SNS: each message becomes an item of the outbox table (customerId, messageKey), so a
 * resent key overwrites rather than duplicates. Stores what the customer would read (subject, text, links, coupon,
 * experiment arm), never contact details. Account-manager tasks land here too, with
 * channel {@code account-manager} and kind {@code task}.
 */
public final class DynamoOutboxChannel implements ChannelGateway, AccountManagerTasks {
    public static final String ACCOUNT_MANAGER_CHANNEL = "account-manager";
    /** The outbox "customer" under which the refresh's alerts are written (not a customer: the team). */
    public static final String ALERTS = "attimo-alerts";

    public static final String ALERT_CHANNEL = "alert";

    private final DynamoDbClient client;
    private final String table;
    private final Clock clock;
    private final JourneyCatalog catalog;

    /** {@code catalog} tells which journey an execution name belongs to (account-manager tasks carry their journey). */
    public DynamoOutboxChannel(DynamoDbClient client, String tablePrefix, JourneyCatalog catalog, Clock clock) {
        this.client = client;
        this.catalog = catalog;
        this.table = AttimoTables.name(tablePrefix, AttimoTables.OUTBOX);
        this.clock = clock;
    }

    @Override
    public String send(OutboundMessage m) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("customerId", s(m.customerId()));
        item.put("messageKey", s(m.messageKey()));
        put(item, "channel", m.channel() == null ? null : m.channel().id());
        put(item, "kind", m.kind());
        put(item, "journey", m.journey());
        put(item, "step", m.step());
        put(item, "sendAt", m.sendAt() == null ? null : m.sendAt().toString());
        put(item, "template", m.template());
        put(item, "locale", m.locale());
        put(item, "tone", m.tone());
        if (!m.context().isEmpty()) item.put("context", map(m.context()));
        RenderedMessage content = m.rendered();
        if (content != null) {
            put(item, "subject", content.subject());
            put(item, "text", content.text());
            // the order of the links is part of the message: a list of [name, url] pairs keeps it
            if (!content.links().isEmpty()) {
                List<AttributeValue> links = new ArrayList<>();
                content.links()
                        .forEach((name, url) -> links.add(
                                AttributeValue.builder().l(s(name), s(url)).build()));
                item.put("links", AttributeValue.builder().l(links).build());
            }
            if (!content.headers().isEmpty()) item.put("headers", pairs(content.headers()));
            put(item, "coupon", content.coupon());
            if (content.experiment() != null) {
                item.put(
                        "experiment",
                        map(Map.of(
                                "id",
                                content.experiment().id(),
                                "arm",
                                content.experiment().arm())));
            }
        }
        item.put("recordedAt", s(clock.instant().toString()));
        client.putItem(b -> b.tableName(table).item(item));
        return "outbox:" + m.messageKey();
    }

    @Override
    public void open(String customerId, String reason, String executionName) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("customerId", s(customerId));
        item.put("messageKey", s(customerId + "#" + executionName + "#task#" + reason));
        item.put("channel", s(ACCOUNT_MANAGER_CHANNEL));
        item.put("kind", s("task"));
        put(item, "step", reason);
        put(item, "journey", catalog.journeyOfExecution(executionName));
        item.put("sendAt", s(now.toString()));
        item.put("recordedAt", s(now.toString()));
        client.putItem(b -> b.tableName(table).item(item));
    }

    /**
     * Writes an alert of the analytics refresh once: a conditional put on {@code attimo-alerts#alert#<id>}; false when
     * it is in the outbox already.
     */
    public boolean alert(it.attimo.core.insights.InsightsAlert alert) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("customerId", s(ALERTS));
        item.put("messageKey", s("alert#" + alert.id()));
        item.put("channel", s(ALERT_CHANNEL));
        item.put("kind", s(alert.severity()));
        item.put("step", s(alert.kind()));
        item.put("sendAt", s(alert.detectedAt().toString()));
        item.put("subject", s("Attimo: " + alert.kind()));
        item.put("text", s(alert.messageIt() + "\n\n" + alert.messageEn()));
        item.put(
                "context",
                map(Map.of("alertId", alert.id(), "details", alert.details().toString())));
        item.put("recordedAt", s(clock.instant().toString()));
        try {
            client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(messageKey)"));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException already) {
            return false;
        }
    }

    /** Every message in the outbox, ordered by send time. */
    public List<OutboxMessage> all() {
        return find(OutboxQuery.ALL);
    }

    /** One customer's messages, ordered by send time. */
    public List<OutboxMessage> forCustomer(String customerId) {
        return find(OutboxQuery.of(java.util.Optional.of(customerId)));
    }

    /**
     * The messages {@code query} selects, ordered by send time: a Query of one customer's partition, else of one
     * journey's messages by recording time on {@link AttimoTables#OUTBOX_JOURNEY_INDEX}, else a Scan; the conditions
     * the key does not cover are a filter expression, so that only matching items leave the table.
     */
    public List<OutboxMessage> find(OutboxQuery query) {
        boolean byJourney = query.customerId().isEmpty() && query.journey().isPresent();
        List<String> keyConditions = new ArrayList<>();
        List<String> filters = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        query.customerId().ifPresent(c -> {
            keyConditions.add("customerId = :c");
            values.put(":c", s(c));
        });
        query.journey().ifPresent(j -> {
            (byJourney ? keyConditions : filters).add("#journey = :journey");
            names.put("#journey", "journey");
            values.put(":journey", s(j));
        });
        query.step().ifPresent(st -> {
            filters.add("#step = :step");
            names.put("#step", "step");
            values.put(":step", s(st));
        });
        query.since().ifPresent(t -> {
            (byJourney ? keyConditions : filters).add("#recordedAt >= :since");
            names.put("#recordedAt", "recordedAt");
            values.put(":since", s(sinceBound(t)));
        });
        String filter = filters.isEmpty() ? null : String.join(" AND ", filters);
        Map<String, String> attributeNames = names.isEmpty() ? null : names;
        Map<String, AttributeValue> attributeValues = values.isEmpty() ? null : values;
        Iterable<Map<String, AttributeValue>> items = keyConditions.isEmpty()
                ? client.scanPaginator(b -> b.tableName(table)
                                .consistentRead(true)
                                .filterExpression(filter)
                                .expressionAttributeNames(attributeNames)
                                .expressionAttributeValues(attributeValues))
                        .items()
                : client.queryPaginator(b -> b.tableName(table)
                                // DynamoDB refuses a consistent read of an index; the outbox lives in DynamoDB Local,
                                // whose index is current
                                .indexName(byJourney ? AttimoTables.OUTBOX_JOURNEY_INDEX : null)
                                .consistentRead(byJourney ? null : true)
                                .keyConditionExpression(String.join(" AND ", keyConditions))
                                .filterExpression(filter)
                                .expressionAttributeNames(attributeNames)
                                .expressionAttributeValues(attributeValues))
                        .items();
        List<OutboxMessage> messages = new ArrayList<>();
        items.forEach(item -> {
            OutboxMessage m = fromItem(item);
            if (query.matches(m)) messages.add(m);
        });
        return sorted(messages);
    }

    /**
     * The string bound for {@code recordedAt >= since}: Instant.toString writes a fraction only when there is one, and
     * "…00.5Z" sorts before "…00Z" as a string, so the bound is the whole second before, which decides on the seconds
     * digits; the exact bound is checked on the parsed instants afterwards ({@link OutboxQuery#matches}).
     */
    private static String sinceBound(Instant since) {
        return since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .minusSeconds(1)
                .toString();
    }

    private static List<OutboxMessage> sorted(List<OutboxMessage> messages) {
        messages.sort(Comparator.comparing(OutboxMessage::sendAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(OutboxMessage::messageKey));
        return messages;
    }

    private static OutboxMessage fromItem(Map<String, AttributeValue> item) {
        return new OutboxMessage(
                text(item, "customerId"),
                text(item, "messageKey"),
                text(item, "channel"),
                text(item, "kind"),
                text(item, "journey"),
                text(item, "step"),
                instant(item, "sendAt"),
                text(item, "template"),
                text(item, "locale"),
                text(item, "tone"),
                instant(item, "recordedAt"),
                context(item),
                text(item, "subject"),
                text(item, "text"),
                links(item),
                text(item, "coupon"),
                experiment(item),
                pairs(item, "headers"));
    }

    /** Named values in their order, as a list of [name, value] pairs. */
    private static AttributeValue pairs(Map<String, String> values) {
        List<AttributeValue> out = new ArrayList<>();
        values.forEach((name, value) ->
                out.add(AttributeValue.builder().l(s(name), s(value)).build()));
        return AttributeValue.builder().l(out).build();
    }

    private static Map<String, String> links(Map<String, AttributeValue> item) {
        return pairs(item, "links");
    }

    private static Map<String, String> pairs(Map<String, AttributeValue> item, String attribute) {
        AttributeValue v = item.get(attribute);
        if (v == null || !v.hasL()) return Map.of();
        Map<String, String> out = new LinkedHashMap<>();
        for (AttributeValue pair : v.l()) {
            if (pair.hasL() && pair.l().size() == 2)
                out.put(pair.l().get(0).s(), pair.l().get(1).s());
        }
        return out;
    }

    private static RenderedMessage.ExperimentArm experiment(Map<String, AttributeValue> item) {
        AttributeValue v = item.get("experiment");
        if (v == null || !v.hasM()) return null;
        AttributeValue id = v.m().get("id");
        AttributeValue arm = v.m().get("arm");
        return id == null || arm == null ? null : new RenderedMessage.ExperimentArm(id.s(), arm.s());
    }

    private static AttributeValue map(Map<String, String> values) {
        Map<String, AttributeValue> m = new HashMap<>();
        values.forEach((k, v) -> m.put(k, s(v)));
        return AttributeValue.builder().m(m).build();
    }

    private static Map<String, String> context(Map<String, AttributeValue> item) {
        AttributeValue v = item.get("context");
        if (v == null || !v.hasM()) return Map.of();
        Map<String, String> out = new TreeMap<>();
        v.m().forEach((k, value) -> out.put(k, value.s()));
        return out;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) item.put(name, s(value));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = text(item, name);
        return v == null ? null : Instant.parse(v);
    }
}
