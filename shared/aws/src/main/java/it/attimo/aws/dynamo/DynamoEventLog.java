package it.attimo.aws.dynamo;

import it.attimo.core.event.CloudEventJson;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.EventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The event log table: one item per (customerId, eventId) holding the CloudEvent JSON. A conditional put makes a
 * duplicate delivery a no-op. Items expire {@code retention} after the event happened. An erasure leaves one
 * tombstone item (sort key {@value #TOMBSTONE}, never expiring, no personal data) so that late copies of the person's
 * events are refused.
 */
public final class DynamoEventLog implements EventLog {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);
    /** Event ids starting with '~' are refused at ingest, so this key cannot collide with an event. */
    static final String TOMBSTONE = "~erased";

    static final int MAX_TRANSACTION_ITEMS = 100;
    static final int MAX_TRANSACTION_BYTES = 3_000_000;
    private static final String NEW_EVENT = "attribute_not_exists(eventId)";

    private final DynamoDbClient client;
    private final String table;
    private final Duration retention;

    public DynamoEventLog(DynamoDbClient client, String tablePrefix, Duration retention) {
        this.client = client;
        this.table = AttimoTables.name(tablePrefix, AttimoTables.EVENTS);
        this.retention = retention;
    }

    public DynamoEventLog(DynamoDbClient client, String tablePrefix) {
        this(client, tablePrefix, DEFAULT_RETENTION);
    }

    @Override
    public boolean append(CustomerEvent event) {
        try {
            client.putItem(b -> b.tableName(table).item(item(event)).conditionExpression(NEW_EVENT));
            return true;
        } catch (ConditionalCheckFailedException duplicate) {
            return false;
        }
    }

    /**
     * One TransactWriteItems of conditional puts per chunk (up to {@value #MAX_TRANSACTION_ITEMS} events, about
     * {@value #MAX_TRANSACTION_BYTES} bytes): all are stored or none. If the transaction is refused (one of them is a
     * copy of a stored event, a conflict), the chunk is written again one conditional put at a time, so each event is
     * still judged alone.
     */
    @Override
    public Set<String> appendAll(List<CustomerEvent> events) {
        if (events.size() == 1) {
            return append(events.get(0)) ? Set.of(events.get(0).id()) : Set.of();
        }
        Set<String> stored = new LinkedHashSet<>();
        List<CustomerEvent> chunk = new ArrayList<>();
        List<TransactWriteItem> writes = new ArrayList<>();
        int bytes = 0;
        for (CustomerEvent event : events) {
            Map<String, AttributeValue> item = item(event);
            int size = item.get("body").s().length() * 3;
            if (!chunk.isEmpty() && (chunk.size() == MAX_TRANSACTION_ITEMS || bytes + size > MAX_TRANSACTION_BYTES)) {
                stored.addAll(appendChunk(chunk, writes));
                chunk = new ArrayList<>();
                writes = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(event);
            writes.add(TransactWriteItem.builder()
                    .put(Put.builder()
                            .tableName(table)
                            .item(item)
                            .conditionExpression(NEW_EVENT)
                            .build())
                    .build());
            bytes += size;
        }
        stored.addAll(appendChunk(chunk, writes));
        return stored;
    }

    private Set<String> appendChunk(List<CustomerEvent> chunk, List<TransactWriteItem> writes) {
        if (chunk.size() == 1) return append(chunk.get(0)) ? Set.of(chunk.get(0).id()) : Set.of();
        try {
            client.transactWriteItems(b -> b.transactItems(writes));
            Set<String> ids = new LinkedHashSet<>();
            chunk.forEach(e -> ids.add(e.id()));
            return ids;
        } catch (TransactionCanceledException refused) {
            Set<String> ids = new LinkedHashSet<>();
            for (CustomerEvent e : chunk) {
                if (append(e)) ids.add(e.id());
            }
            return ids;
        }
    }

    private Map<String, AttributeValue> item(CustomerEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("customerId", Items.s(event.customerId()));
        item.put("eventId", Items.s(event.id()));
        item.put("type", Items.s(event.type()));
        item.put("time", Items.s(event.time().toString()));
        item.put("body", Items.s(CloudEventJson.toJson(event)));
        item.put(
                AttimoTables.TTL_ATTRIBUTE, Items.n(event.time().plus(retention).getEpochSecond()));
        return item;
    }

    @Override
    public List<CustomerEvent> history(String customerId) {
        return events(Items.partition(client, table, "customerId", customerId, true));
    }

    /** The events of a partition's items (a tombstone holds none). */
    static List<CustomerEvent> events(List<Map<String, AttributeValue>> items) {
        return items.stream()
                .filter(item -> item.containsKey("body"))
                .map(item -> CloudEventJson.fromJson(Items.text(item, "body")))
                .toList();
    }

    /**
     * Every customer's items at once when the table holds at most {@code maxItems} ({@link Items#groupedByPartition}),
     * else empty.
     */
    Optional<Map<String, List<Map<String, AttributeValue>>>> everyPartition(int maxItems) {
        return Items.groupedByPartition(client, table, "customerId", "eventId", maxItems);
    }

    /** One query: the tombstone shares the customer's partition with the events. */
    @Override
    public CustomerLog read(String customerId) {
        List<CustomerEvent> events = new ArrayList<>();
        Instant erasedAt = null;
        for (Map<String, AttributeValue> item : Items.partition(client, table, "customerId", customerId, true)) {
            if (item.containsKey("body")) {
                events.add(CloudEventJson.fromJson(Items.text(item, "body")));
            } else if (TOMBSTONE.equals(Items.text(item, "eventId")) && item.containsKey("erasedAt")) {
                erasedAt = Instant.parse(item.get("erasedAt").s());
            }
        }
        return new CustomerLog(events, erasedAt);
    }

    @Override
    public void erase(String customerId) {
        Items.deletePartition(client, table, "customerId", "eventId", customerId);
    }

    @Override
    public void erase(String customerId, Instant erasedAt) {
        Instant at = erasedAt(customerId)
                .filter(previous -> previous.isAfter(erasedAt))
                .orElse(erasedAt);
        erase(customerId);
        client.putItem(b -> b.tableName(table)
                .item(Map.of(
                        "customerId", Items.s(customerId),
                        "eventId", Items.s(TOMBSTONE),
                        "erasedAt", Items.s(at.toString()))));
    }

    @Override
    public Optional<Instant> erasedAt(String customerId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                        .consistentRead(true)
                        .key(Map.of("customerId", Items.s(customerId), "eventId", Items.s(TOMBSTONE))))
                .item();
        return item == null || !item.containsKey("erasedAt")
                ? Optional.empty()
                : Optional.of(Instant.parse(item.get("erasedAt").s()));
    }
}
