package it.attimo.aws.dynamo;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The tables Attimo uses, named {@code <prefix>-<table>}. These definitions must match template.yaml (same keys,
 * same TTL attributes); the local stack and the tests create them with {@link #createAll}.
 */
public final class AttimoTables {
    public static final String PROFILES = "profiles";
    public static final String CONTACTS = "contacts";
    public static final String EVENTS = "events";
    public static final String MESSAGES = "messages";
    public static final String WAITS = "waits";
    public static final String QUARANTINE = "quarantine";
    /** the daily temporal model (latest and dated copies) */
    public static final String MODELS = "models";
    /** collaborative documents: one item per tray (its state as JSON, an optimistic version) */
    public static final String TRAYS = "trays";
    /** each tray's append-only audit trail: (trayId, seq zero-padded), conditional puts only */
    public static final String TRAY_AUDIT = "tray-audit";
    /** completed trays' PDFs */
    public static final String TRAY_DOCUMENTS = "tray-documents";
    /** local only: stands in for SES and SNS */
    public static final String OUTBOX = "outbox";

    /** the TTL attribute (epoch seconds) of the tables that expire items */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private static final List<TableSpec> SPECS = List.of(
            new TableSpec(PROFILES, "customerId", null, false),
            new TableSpec(CONTACTS, "customerId", null, false),
            new TableSpec(EVENTS, "customerId", "eventId", true),
            new TableSpec(MESSAGES, "customerId", "messageId", false),
            new TableSpec(WAITS, "customerId", "waitId", true),
            new TableSpec(QUARANTINE, "quarantineId", null, true),
            new TableSpec(MODELS, "modelId", null, true),
            new TableSpec(TRAYS, "trayId", null, false),
            new TableSpec(TRAY_AUDIT, "trayId", "seq", false),
            new TableSpec(TRAY_DOCUMENTS, "trayId", null, false),
            new TableSpec(OUTBOX, "customerId", "messageKey", false));

    private AttimoTables() {}

    /** One table: its short name, partition key, optional sort key (both strings), and whether items expire. */
    public record TableSpec(String table, String partitionKey, String sortKey, boolean ttl) {
        public String nameFor(String prefix) {
            return name(prefix, table);
        }
    }

    public static String name(String prefix, String table) {
        return prefix + "-" + table;
    }

    /** Every table, the local-only outbox included. */
    public static List<TableSpec> all() {
        return SPECS;
    }

    /** The tables template.yaml deploys (all but the outbox). */
    public static List<TableSpec> deployed() {
        return SPECS.stream().filter(s -> !s.table().equals(OUTBOX)).toList();
    }

    public static CreateTableRequest createRequest(String prefix, TableSpec spec) {
        List<KeySchemaElement> keys = new ArrayList<>();
        List<AttributeDefinition> attributes = new ArrayList<>();
        keys.add(KeySchemaElement.builder()
                .attributeName(spec.partitionKey())
                .keyType(KeyType.HASH)
                .build());
        attributes.add(AttributeDefinition.builder()
                .attributeName(spec.partitionKey())
                .attributeType(ScalarAttributeType.S)
                .build());
        if (spec.sortKey() != null) {
            keys.add(KeySchemaElement.builder()
                    .attributeName(spec.sortKey())
                    .keyType(KeyType.RANGE)
                    .build());
            attributes.add(AttributeDefinition.builder()
                    .attributeName(spec.sortKey())
                    .attributeType(ScalarAttributeType.S)
                    .build());
        }
        return CreateTableRequest.builder()
                .tableName(spec.nameFor(prefix))
                .keySchema(keys)
                .attributeDefinitions(attributes)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build();
    }

    /**
     * Creates every table that does not exist yet, waits until each is ACTIVE and enables TTL where the table
     * expires items, as the template does on AWS. Safe to call on every start.
     */
    public static void createAll(DynamoDbClient client, String prefix) {
        create(client, prefix, true);
    }

    /**
     * The same tables with TTL off (turned off where an earlier start turned it on). For DynamoDB Local, which
     * deletes expired items by the wall clock: the local stack and the tests stamp expiry times from virtual or
     * fixed clocks, often behind the wall clock, and their items (parked waits above all) would vanish.
     */
    public static void createWithoutExpiry(DynamoDbClient client, String prefix) {
        create(client, prefix, false);
    }

    private static void create(DynamoDbClient client, String prefix, boolean expire) {
        try (DynamoDbWaiter waiter = client.waiter()) {
            for (TableSpec spec : SPECS) {
                String name = spec.nameFor(prefix);
                try {
                    client.createTable(createRequest(prefix, spec));
                } catch (ResourceInUseException alreadyThere) {
                    // created by an earlier start
                }
                waiter.waitUntilTableExists(b -> b.tableName(name));
                if (spec.ttl()) setTtl(client, name, expire);
            }
        }
    }

    private static void setTtl(DynamoDbClient client, String table, boolean enabled) {
        try {
            var current = client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
            String status = current == null || current.timeToLiveStatusAsString() == null
                    ? "DISABLED"
                    : current.timeToLiveStatusAsString();
            boolean on = status.equals("ENABLED") || status.equals("ENABLING");
            if (on == enabled) return;
            client.updateTimeToLive(b -> b.tableName(table)
                    .timeToLiveSpecification(t -> t.attributeName(TTL_ATTRIBUTE).enabled(enabled)));
        } catch (DynamoDbException unsupported) {
            // an emulator without TTL: items simply never expire there
        }
    }
}
