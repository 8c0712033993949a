package it.attimo.aws.dynamo;

import it.attimo.core.journey.ParkedWait;
import it.attimo.core.port.WaitRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Parked task tokens: (customerId, waitId = eventType#execution#step), so the waits for one event type are a key
 * prefix. Items carry a TTL at the wait's expiry; DynamoDB deletes them lazily, so a stale token may still be
 * listed and resuming it is then a no-op.
 */
public final class DynamoWaitRegistry implements WaitRegistry {
    private final DynamoDbClient client;
    private final String table;

    public DynamoWaitRegistry(DynamoDbClient client, String tablePrefix) {
        this.client = client;
        this.table = AttimoTables.name(tablePrefix, AttimoTables.WAITS);
    }

    @Override
    public void park(ParkedWait wait) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("customerId", Items.s(wait.customerId()));
        item.put("waitId", Items.s(wait.waitId()));
        item.put("eventType", Items.s(wait.eventType()));
        item.put("executionName", Items.s(wait.executionName()));
        item.put("step", Items.s(wait.step()));
        item.put("taskToken", Items.s(wait.taskToken()));
        Items.putIfPresent(item, "parkedAt", wait.parkedAt());
        if (wait.expiresAt() != null) {
            item.put("expiresAtIso", Items.s(wait.expiresAt().toString()));
            item.put(AttimoTables.TTL_ATTRIBUTE, Items.n(wait.expiresAt().getEpochSecond()));
        }
        client.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public List<ParkedWait> waitingFor(String customerId, String eventType) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("customerId = :c AND begins_with(waitId, :prefix)")
                .expressionAttributeValues(Map.of(":c", Items.s(customerId), ":prefix", Items.s(eventType + "#")))
                .consistentRead(true)
                .build();
        List<ParkedWait> waits = new ArrayList<>();
        client.queryPaginator(query).items().forEach(item -> waits.add(fromItem(item)));
        return waits;
    }

    @Override
    public List<ParkedWait> forCustomer(String customerId) {
        return Items.partition(client, table, "customerId", customerId, true).stream()
                .map(DynamoWaitRegistry::fromItem)
                .toList();
    }

    @Override
    public void remove(ParkedWait wait) {
        client.deleteItem(
                b -> b.tableName(table).key(Items.key("customerId", wait.customerId(), "waitId", wait.waitId())));
    }

    @Override
    public void erase(String customerId) {
        Items.deletePartition(client, table, "customerId", "waitId", customerId);
    }

    private static ParkedWait fromItem(Map<String, AttributeValue> item) {
        return new ParkedWait(
                Items.text(item, "customerId"),
                Items.text(item, "eventType"),
                Items.text(item, "executionName"),
                Items.text(item, "step"),
                Items.text(item, "taskToken"),
                Items.instant(item, "parkedAt"),
                Items.instant(item, "expiresAtIso"));
    }
}
