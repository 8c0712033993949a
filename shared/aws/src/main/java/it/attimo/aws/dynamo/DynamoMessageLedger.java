package it.attimo.aws.dynamo;

import it.attimo.core.channel.Channel;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.port.MessageAttribution;
import it.attimo.core.port.MessageLedger;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The dispatch ledger: (customerId, messageId = execution#step); a reservation is a put-if-absent. The sparse index
 * {@link AttimoTables#PROVIDER_INDEX} finds a sent message from its provider's id (an SES or SNS MessageId).
 */
public final class DynamoMessageLedger implements MessageLedger, MessageAttribution {
    private final DynamoDbClient client;
    private final String table;

    private final java.time.Duration retention;

    public DynamoMessageLedger(DynamoDbClient client, String tablePrefix) {
        this(client, tablePrefix, DEFAULT_RETENTION);
    }

    /** @param retention how long a record lives after its send time (DynamoDB TTL on AWS; 24 months by default) */
    public DynamoMessageLedger(DynamoDbClient client, String tablePrefix, java.time.Duration retention) {
        this.client = client;
        this.table = AttimoTables.name(tablePrefix, AttimoTables.MESSAGES);
        this.retention = retention;
    }

    public static final java.time.Duration DEFAULT_RETENTION = java.time.Duration.ofDays(730);

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
    public Optional<Map<String, List<MessageRecord>>> everyCustomer(int maxRecords) {
        return Items.groupedByPartition(client, table, "customerId", "messageId", maxRecords)
                .map(groups -> {
                    Map<String, List<MessageRecord>> records = new HashMap<>();
                    groups.forEach((customer, items) -> records.put(
                            customer,
                            items.stream().map(DynamoMessageLedger::fromItem).toList()));
                    return records;
                });
    }

    @Override
    public Optional<MessageRecord> byProviderMessageId(String providerMessageId) {
        if (providerMessageId == null || providerMessageId.isBlank()) return Optional.empty();
        return client
                .query(b -> b.tableName(table)
                        .indexName(AttimoTables.PROVIDER_INDEX)
                        .keyConditionExpression("providerMessageId = :p")
                        .expressionAttributeValues(Map.of(":p", Items.s(providerMessageId)))
                        .limit(1))
                .items()
                .stream()
                .findFirst()
                .map(DynamoMessageLedger::fromItem);
    }

    /** One conditional update (no read): the map is created with the first outcome, later ones are added once each. */
    @Override
    public void recordOutcome(String customerId, String messageId, String outcome, Instant at) {
        Map<String, AttributeValue> key = Items.key("customerId", customerId, "messageId", messageId);
        try {
            client.updateItem(b -> b.tableName(table)
                    .key(key)
                    .updateExpression("SET outcomes = :first")
                    .conditionExpression("attribute_exists(messageId) AND attribute_not_exists(outcomes)")
                    .expressionAttributeValues(
                            Map.of(":first", AttributeValue.fromM(Map.of(outcome, Items.s(at.toString()))))));
        } catch (ConditionalCheckFailedException notFirst) {
            try {
                client.updateItem(b -> b.tableName(table)
                        .key(key)
                        .updateExpression("SET outcomes.#o = :at")
                        .conditionExpression("attribute_exists(outcomes) AND attribute_not_exists(outcomes.#o)")
                        .expressionAttributeNames(Map.of("#o", outcome))
                        .expressionAttributeValues(Map.of(":at", Items.s(at.toString()))));
            } catch (ConditionalCheckFailedException seenOrUnknown) {
                // this outcome was recorded before, or there is no such message: nothing to change
            }
        }
    }

    @Override
    public void erase(String customerId) {
        Items.deletePartition(client, table, "customerId", "messageId", customerId);
    }

    private Map<String, AttributeValue> toItem(MessageRecord r) {
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
        Items.putIfPresent(item, "legalBasis", r.legalBasis());
        Instant from = r.sendAt() != null ? r.sendAt() : r.updatedAt();
        if (from != null)
            item.put(AttimoTables.TTL_ATTRIBUTE, Items.n(from.plus(retention).getEpochSecond()));
        if (!r.outcomes().isEmpty()) {
            Map<String, AttributeValue> outcomes = new HashMap<>();
            r.outcomes().forEach((type, at) -> outcomes.put(type, Items.s(at.toString())));
            item.put("outcomes", AttributeValue.fromM(outcomes));
        }
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
                Items.instant(item, "updatedAt"),
                Items.text(item, "legalBasis"),
                outcomes(item.get("outcomes")));
    }

    private static Map<String, Instant> outcomes(AttributeValue value) {
        Map<String, Instant> out = new LinkedHashMap<>();
        if (value == null || !value.hasM()) return out;
        value.m().forEach((type, at) -> {
            if (at.s() != null) out.put(type, Instant.parse(at.s()));
        });
        return out;
    }
}
