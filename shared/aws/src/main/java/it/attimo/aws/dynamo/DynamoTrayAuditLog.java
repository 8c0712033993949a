package it.attimo.aws.dynamo;

import it.attimo.core.port.TrayAuditLog;
import it.attimo.core.tray.AuditEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The append-only audit trail: (trayId, seq as 10 zero-padded digits). An entry is a put conditional on the key being
 * free, at one past the highest sequence read; losing the race to another writer reads again and takes the next one.
 * Nothing updates or deletes an entry (the functions' IAM policies grant PutItem and Query only).
 */
public final class DynamoTrayAuditLog implements TrayAuditLog {
    static final int ATTEMPTS = 20;

    private final DynamoDbClient client;
    private final String table;

    public DynamoTrayAuditLog(DynamoDbClient client, String tablePrefix) {
        this.client = client;
        this.table = AttimoTables.name(tablePrefix, AttimoTables.TRAY_AUDIT);
    }

    @Override
    public AuditEntry append(String trayId, Instant at, String party, String action, Map<String, String> detail) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long seq = last(trayId) + 1;
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("trayId", Items.s(trayId));
            item.put("seq", Items.s(seq(seq)));
            item.put("at", Items.s(at.toString()));
            item.put("party", Items.s(party));
            item.put("action", Items.s(action));
            Map<String, AttributeValue> d = new HashMap<>();
            detail.forEach((k, v) -> d.put(k, Items.s(v == null ? "" : v)));
            item.put("detail", AttributeValue.builder().m(d).build());
            try {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(seq)"));
                return new AuditEntry(seq, at, party, action, detail);
            } catch (ConditionalCheckFailedException taken) {
                // another writer took this sequence number: read again
            }
        }
        throw new IllegalStateException("audit trail of " + trayId + ": no free sequence after " + ATTEMPTS + " tries");
    }

    @Override
    public List<AuditEntry> entries(String trayId) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("trayId = :t")
                .expressionAttributeValues(Map.of(":t", Items.s(trayId)))
                .consistentRead(true)
                .build();
        List<AuditEntry> out = new ArrayList<>();
        client.queryPaginator(query).items().forEach(item -> {
            Map<String, String> detail = new TreeMap<>();
            AttributeValue d = item.get("detail");
            if (d != null && d.hasM()) d.m().forEach((k, v) -> detail.put(k, v.s()));
            out.add(new AuditEntry(
                    Long.parseLong(item.get("seq").s()),
                    Instant.parse(item.get("at").s()),
                    item.get("party").s(),
                    item.get("action").s(),
                    detail));
        });
        return out;
    }

    private long last(String trayId) {
        var items = client.query(b -> b.tableName(table)
                        .keyConditionExpression("trayId = :t")
                        .expressionAttributeValues(Map.of(":t", Items.s(trayId)))
                        .scanIndexForward(false)
                        .limit(1)
                        .consistentRead(true))
                .items();
        return items.isEmpty() ? 0 : Long.parseLong(items.get(0).get("seq").s());
    }

    static String seq(long n) {
        return String.format("%010d", n);
    }
}
