package it.attimo.aws.dynamo;

import it.attimo.core.json.Json;
import it.attimo.core.port.TrayStore;
import it.attimo.core.tray.Tray;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Trays: (trayId) → the tray as JSON, its status and customer for inspection, and a version for conditional writes. */
public final class DynamoTrayStore implements TrayStore {
    private final DynamoDbClient client;
    private final String table;

    public DynamoTrayStore(DynamoDbClient client, String tablePrefix) {
        this.client = client;
        this.table = AttimoTables.name(tablePrefix, AttimoTables.TRAYS);
    }

    @Override
    public boolean create(Tray tray) {
        try {
            client.putItem(
                    b -> b.tableName(table).item(item(tray, 1)).conditionExpression("attribute_not_exists(trayId)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public Optional<Tray> find(String trayId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                        .key(Map.of("trayId", Items.s(trayId)))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) return Optional.empty();
        try {
            Tray tray = Tray.fromMap(Json.toMap(Json.parse(item.get("body").s())));
            tray.version = Long.parseLong(item.get("version").n());
            return Optional.of(tray);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("tray " + trayId + " is not readable JSON", e);
        }
    }

    @Override
    public boolean update(Tray tray) {
        try {
            client.putItem(b -> b.tableName(table)
                    .item(item(tray, tray.version + 1))
                    .conditionExpression("version = :v")
                    .expressionAttributeValues(Map.of(":v", Items.n(tray.version))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    private static Map<String, AttributeValue> item(Tray tray, long version) {
        Map<String, Object> body = tray.toMap();
        body.put("version", version);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("trayId", Items.s(tray.trayId));
        item.put("version", Items.n(version));
        item.put("status", Items.s(tray.status));
        item.put("template", Items.s(tray.template));
        item.put("customerId", Items.s(tray.customerId));
        item.put("body", Items.s(Json.write(body)));
        return item;
    }
}
