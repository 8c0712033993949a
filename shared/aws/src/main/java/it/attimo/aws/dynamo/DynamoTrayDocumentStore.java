package it.attimo.aws.dynamo;

import it.attimo.core.port.TrayDocumentStore;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Completed trays' PDFs as binary items (trayId → pdf). A tray's PDF is a few kilobytes, far below DynamoDB's 400 KB
 * item limit; templates with attachments would move this port to S3.
 */
public final class DynamoTrayDocumentStore implements TrayDocumentStore {
    private final DynamoDbClient client;
    private final String table;

    public DynamoTrayDocumentStore(DynamoDbClient client, String tablePrefix) {
        this.client = client;
        this.table = AttimoTables.name(tablePrefix, AttimoTables.TRAY_DOCUMENTS);
    }

    @Override
    public void put(String trayId, byte[] pdf) {
        client.putItem(b -> b.tableName(table)
                .item(Map.of(
                        "trayId", Items.s(trayId),
                        "pdf",
                                AttributeValue.builder()
                                        .b(SdkBytes.fromByteArray(pdf))
                                        .build(),
                        "contentType", Items.s("application/pdf"))));
    }

    @Override
    public Optional<byte[]> find(String trayId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                        .key(Map.of("trayId", Items.s(trayId)))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty() || item.get("pdf") == null) return Optional.empty();
        return Optional.of(item.get("pdf").b().asByteArray());
    }
}
