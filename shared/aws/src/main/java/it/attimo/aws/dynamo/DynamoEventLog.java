package it.attimo.aws.dynamo;

import it.attimo.core.event.CloudEventJson;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.EventLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event log table: one item per (customerId, eventId) holding the CloudEvent JSON. A conditional put makes a
 * duplicate delivery a no-op. Items expire {@code retention} after the event happened.
 */
public final class DynamoEventLog implements EventLog {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);

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
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("customerId", Items.s(event.customerId()));
        item.put("eventId", Items.s(event.id()));
        item.put("type", Items.s(event.type()));
        item.put("time", Items.s(event.time().toString()));
        item.put("body", Items.s(CloudEventJson.toJson(event)));
        item.put(AttimoTables.TTL_ATTRIBUTE, Items.n(event.time().plus(retention).getEpochSecond()));
        try {
            client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(eventId)"));
            return true;
        } catch (ConditionalCheckFailedException duplicate) {
            return false;
        }
    }

    @Override
    public List<CustomerEvent> history(String customerId) {
        return Items.partition(client, table, "customerId", customerId, true).stream()
                .map(item -> CloudEventJson.fromJson(Items.text(item, "body")))
                .toList();
    }

    @Override
    public void erase(String customerId) {
        Items.deletePartition(client, table, "customerId", "eventId", customerId);
    }
}
