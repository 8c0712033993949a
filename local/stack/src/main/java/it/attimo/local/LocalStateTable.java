package it.attimo.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local stack's own bookkeeping in DynamoDB Local (table {@code attimo-local-state}): the virtual clock's instant and
 * the pending re-score timers, so that a restart on the same data directory continues at the same virtual time.
 * Without a data directory nothing outlives the process, so nothing is written (a 1,000-customer demo saved the clock
 * 2,500 times and its timers 1,600 times, each a DynamoDB write on the clock's path).
 */
public final class LocalStateTable implements LocalRescoreScheduler.TimerStore {
    public static final String TABLE = "attimo-local-state";
    private static final String CLOCK_ID = "clock";
    private static final String TIMER_PREFIX = "rescore#";

    /** A pending re-score of one customer at an instant. */
    public record RescoreTimer(String customerId, Instant at) {
        String id() {
            return TIMER_PREFIX + customerId + "#" + at;
        }
    }

    private final DynamoDbClient client;
    private final boolean durable;

    /** @param durable whether the stack keeps its data (a data directory): false writes nothing */
    public LocalStateTable(DynamoDbClient client, boolean durable) {
        this.client = client;
        this.durable = durable;
    }

    public static void createTable(DynamoDbClient client) {
        DynamoExecutionStore.createTable(client, TABLE, "id");
    }

    public Optional<Instant> clock() {
        Map<String, AttributeValue> item = client.getItem(
                        b -> b.tableName(TABLE).consistentRead(true).key(Map.of("id", AttributeValue.fromS(CLOCK_ID))))
                .item();
        return item == null || !item.containsKey("now")
                ? Optional.empty()
                : Optional.of(Instant.parse(item.get("now").s()));
    }

    public void saveClock(Instant now) {
        if (!durable) return;
        client.putItem(b -> b.tableName(TABLE)
                .item(Map.of("id", AttributeValue.fromS(CLOCK_ID), "now", AttributeValue.fromS(now.toString()))));
    }

    @Override
    public void saveTimer(RescoreTimer timer) {
        if (!durable) return;
        client.putItem(b -> b.tableName(TABLE)
                .item(Map.of(
                        "id",
                        AttributeValue.fromS(timer.id()),
                        "customerId",
                        AttributeValue.fromS(timer.customerId()),
                        "at",
                        AttributeValue.fromS(timer.at().toString()))));
    }

    @Override
    public void deleteTimer(RescoreTimer timer) {
        if (!durable) return;
        client.deleteItem(b -> b.tableName(TABLE).key(Map.of("id", AttributeValue.fromS(timer.id()))));
    }

    @Override
    public List<RescoreTimer> timers() {
        List<RescoreTimer> out = new ArrayList<>();
        client.scanPaginator(b -> b.tableName(TABLE).consistentRead(true))
                .items()
                .forEach(item -> {
                    if (item.get("id").s().startsWith(TIMER_PREFIX)) {
                        out.add(new RescoreTimer(
                                item.get("customerId").s(),
                                Instant.parse(item.get("at").s())));
                    }
                });
        return out;
    }
}
