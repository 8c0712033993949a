package it.attimo.aws.dynamo;

import it.attimo.core.ingest.QuarantinedEvent;
import it.attimo.core.port.QuarantineStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Refused events, kept {@code retention} (30 days by default) for inspection. The raw JSON may hold personal data,
 * which is why entries expire. Listing scans the table: it is small and only read by people.
 */
public final class DynamoQuarantineStore implements QuarantineStore {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    private final DynamoDbClient client;
    private final String table;
    private final Duration retention;

    public DynamoQuarantineStore(DynamoDbClient client, String tablePrefix, Duration retention) {
        this.client = client;
        this.table = AttimoTables.name(tablePrefix, AttimoTables.QUARANTINE);
        this.retention = retention;
    }

    public DynamoQuarantineStore(DynamoDbClient client, String tablePrefix) {
        this(client, tablePrefix, DEFAULT_RETENTION);
    }

    @Override
    public void keep(QuarantinedEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("quarantineId", Items.s(event.quarantineId()));
        Items.putIfPresent(item, "origin", event.origin());
        item.put("index", Items.n(event.index()));
        Items.putIfPresent(item, "eventId", event.eventId());
        Items.putIfPresent(item, "reason", event.reason());
        Items.putIfPresent(item, "raw", event.rawJson());
        Items.putIfPresent(item, "receivedAt", event.receivedAt());
        if (event.receivedAt() != null) {
            item.put(
                    AttimoTables.TTL_ATTRIBUTE,
                    Items.n(event.receivedAt().plus(retention).getEpochSecond()));
        }
        client.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public List<QuarantinedEvent> recent(int limit) {
        List<QuarantinedEvent> all = new ArrayList<>();
        client.scanPaginator(b -> b.tableName(table)).items().forEach(item -> all.add(fromItem(item)));
        return all.stream()
                .sorted(Comparator.comparing(
                        QuarantinedEvent::receivedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(Math.max(0, limit))
                .toList();
    }

    private static QuarantinedEvent fromItem(Map<String, AttributeValue> item) {
        return new QuarantinedEvent(
                Items.text(item, "quarantineId"),
                Items.text(item, "origin"),
                (int) Items.number(item, "index", 0),
                Items.text(item, "eventId"),
                Items.text(item, "reason"),
                Items.text(item, "raw"),
                Items.instant(item, "receivedAt"));
    }
}
