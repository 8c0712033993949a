package it.attimo.local;

import it.attimo.sfn.ExecutionSnapshot;
import it.attimo.sfn.ExecutionStatus;
import it.attimo.sfn.ExecutionStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Keeps the local executor's executions in DynamoDB Local (table {@code attimo-local-executions}), so a stack started
 * again on the same data directory resumes them. The document is gzipped: execution histories grow, items may not
 * exceed 400 KB.
 */
public final class DynamoExecutionStore implements ExecutionStore {
    public static final String TABLE = "attimo-local-executions";

    private final DynamoDbClient client;

    public DynamoExecutionStore(DynamoDbClient client) {
        this.client = client;
    }

    public static void createTable(DynamoDbClient client) {
        createTable(client, TABLE, "executionArn");
    }

    static void createTable(DynamoDbClient client, String table, String key) {
        try {
            client.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(KeySchemaElement.builder()
                            .attributeName(key)
                            .keyType(KeyType.HASH)
                            .build())
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName(key)
                            .attributeType(ScalarAttributeType.S)
                            .build()));
        } catch (ResourceInUseException alreadyThere) {
            // created by an earlier start on the same data directory
        }
        client.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    @Override
    public void save(ExecutionSnapshot snapshot) {
        client.putItem(b -> b.tableName(TABLE)
                .item(Map.of(
                        "executionArn", AttributeValue.fromS(snapshot.executionArn()),
                        "status", AttributeValue.fromS(snapshot.status().name()),
                        "doc", AttributeValue.fromB(SdkBytes.fromByteArray(gzip(snapshot.json()))))));
    }

    @Override
    public List<ExecutionSnapshot> loadAll() {
        List<ExecutionSnapshot> out = new ArrayList<>();
        client.scanPaginator(b -> b.tableName(TABLE).consistentRead(true))
                .items()
                .forEach(item -> out.add(new ExecutionSnapshot(
                        item.get("executionArn").s(),
                        ExecutionStatus.valueOf(item.get("status").s()),
                        gunzip(item.get("doc").b().asByteArray()))));
        return out;
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String gunzip(byte[] data) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
