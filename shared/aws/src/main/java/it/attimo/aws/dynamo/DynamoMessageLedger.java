package it.attimo.aws.dynamo;

import it.attimo.core.channel.Channel;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.port.MessageLedger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The dispatch ledger: (customerId, messageId = execution#step); a reservation is a put-if-absent. */
public final class DynamoMessageLedger implements MessageLedger {
    private final DynamoDbClient client;
    private final String table;

    public DynamoMessageLedger(DynamoDbClient client, String tablePrefix) {
        this.client = client;
        this.table = AttimoTables.name(tablePrefix, AttimoTables.MESSAGES);
    }

    @Override
    public boolean reserve(MessageRecord record) {
        try {
            client.putItem(b ->
                    b.tableName(table).item(toItem(record)).conditionExpression("attribute_not_exists(messageId)"));
            return true;
        } catch (ConditionalCheckFailedException alreadyReserved) {
            return false;
        }
    }

    @Override
    public void update(MessageRecord record) {
        client.putItem(b -> b.tableName(table).item(toItem(record)));
    }

    @Override
    public List<MessageRecord> forCustomer(String customerId) {
        return Items.partition(client, table, "customerId", customerId, true).stream()
                .map(DynamoMessageLedger::fromItem)
                .toList();
    }

    @Override
    public void erase(String customerId) {
        Items.deletePartition(client, table, "customerId", "messageId", customerId);
    }

    private static Map<String, AttributeValue> toItem(MessageRecord r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("customerId", Items.s(r.customerId()));
        item.put("messageId", Items.s(r.messageId()));
        Items.putIfPresent(item, "journey", r.journey());
        Items.putIfPresent(item, "executionName", r.executionName());
        Items.putIfPresent(item, "step", r.step());
        Items.putIfPresent(
                item, "channel", r.channel() == null ? null : r.channel().id());
        Items.putIfPresent(item, "kind", r.kind());
        Items.putIfPresent(item, "sendAt", r.sendAt());
        Items.putIfPresent(item, "status", r.status());
        Items.putIfPresent(item, "reason", r.reason());
        Items.putIfPresent(item, "providerMessageId", r.providerMessageId());
        Items.putIfPresent(item, "updatedAt", r.updatedAt());
        return item;
    }

    private static MessageRecord fromItem(Map<String, AttributeValue> item) {
        String channel = Items.text(item, "channel");
        return new MessageRecord(
                Items.text(item, "customerId"),
                Items.text(item, "messageId"),
                Items.text(item, "journey"),
                Items.text(item, "executionName"),
                Items.text(item, "step"),
                channel == null ? null : Channel.parse(channel),
                Items.text(item, "kind"),
                Items.instant(item, "sendAt"),
                Items.text(item, "status"),
                Items.text(item, "reason"),
                Items.text(item, "providerMessageId"),
                Items.instant(item, "updatedAt"));
    }
}
