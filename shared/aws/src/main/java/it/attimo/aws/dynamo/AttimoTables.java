package it.attimo.aws.dynamo;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
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
    /** timing experiments: each customer's arm, and each experiment's decision */
    public static final String EXPERIMENTS = "experiments";
    /** collaborative documents: one item per tray (its state as JSON, an optimistic version) */
    public static final String TRAYS = "trays";
    /** each tray's append-only audit trail: (trayId, seq zero-padded), conditional puts only */
    public static final String TRAY_AUDIT = "tray-audit";
    /** completed trays' PDFs */
    public static final String TRAY_DOCUMENTS = "tray-documents";
    /** local only: stands in for SES and SNS */
    public static final String OUTBOX = "outbox";
    /** single-use coupons, by code (the issue key's item points at its code) */
    public static final String COUPONS = "coupons";

    /** the messages table's sparse index on providerMessageId: an SES/SNS outcome finds its message */
    public static final String PROVIDER_INDEX = "byProviderMessageId";
    /** the contacts table's indexes on the digests of phone and e-mail ({@link it.attimo.core.customer.ContactKeys}) */
    public static final String PHONE_INDEX = "byPhoneKey";

    public static final String EMAIL_INDEX = "byEmailKey";
    /** the outbox's index on journey, sorted by recordedAt: what one journey sent since an instant, without a Scan */
    public static final String OUTBOX_JOURNEY_INDEX = "byJourney";

    /** the TTL attribute (epoch seconds) of the tables that expire items */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private static final List<TableSpec> SPECS = List.of(
            new TableSpec(PROFILES, "customerId", null, false),
            new TableSpec(CONTACTS, "customerId", null, false, List.of("phoneKey", "emailKey")),
            new TableSpec(EVENTS, "customerId", "eventId", true),
            new TableSpec(MESSAGES, "customerId", "messageId", true, List.of("providerMessageId")),
            new TableSpec(WAITS, "customerId", "waitId", true),
            new TableSpec(QUARANTINE, "quarantineId", null, true),
            new TableSpec(MODELS, "modelId", null, true),
            new TableSpec(EXPERIMENTS, "customerId", "experimentId", false),
            new TableSpec(COUPONS, "couponKey", null, false),
            new TableSpec(TRAYS, "trayId", null, false),
            new TableSpec(TRAY_AUDIT, "trayId", "seq", false),
            new TableSpec(TRAY_DOCUMENTS, "trayId", null, false),
            new TableSpec(
                    OUTBOX,
                    "customerId",
                    "messageKey",
                    false,
                    List.of(),
                    List.of(new IndexSpec("journey", "recordedAt"))));

    private AttimoTables() {}

    /** A global secondary index: its partition key and optional sort key (strings), named {@code by<PartitionKey>}. */
    public record IndexSpec(String partitionKey, String sortKey) {
        public String name() {
            return TableSpec.indexName(partitionKey);
        }
    }

    /**
     * One table: its short name, partition key, optional sort key (both strings), whether items expire, and its
     * global secondary indexes: {@code indexKeys} are hash-only ones on those attributes, {@code sortedIndexes} have a
     * sort key too. All project every attribute and are sparse: only items with the index's keys are indexed.
     */
    public record TableSpec(
            String table,
            String partitionKey,
            String sortKey,
            boolean ttl,
            List<String> indexKeys,
            List<IndexSpec> sortedIndexes) {
        public TableSpec {
            indexKeys = indexKeys == null ? List.of() : List.copyOf(indexKeys);
            sortedIndexes = sortedIndexes == null ? List.of() : List.copyOf(sortedIndexes);
        }

        public TableSpec(String table, String partitionKey, String sortKey, boolean ttl, List<String> indexKeys) {
            this(table, partitionKey, sortKey, ttl, indexKeys, List.of());
        }

        public TableSpec(String table, String partitionKey, String sortKey, boolean ttl) {
            this(table, partitionKey, sortKey, ttl, List.of(), List.of());
        }

        /** Every index, the hash-only ones first. */
        public List<IndexSpec> indexes() {
            List<IndexSpec> all = new ArrayList<>();
            indexKeys.forEach(k -> all.add(new IndexSpec(k, null)));
            all.addAll(sortedIndexes);
            return all;
        }

        public static String indexName(String indexKey) {
            return "by" + Character.toUpperCase(indexKey.charAt(0)) + indexKey.substring(1);
        }

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

    /**
     * The tables template.yaml deploys: all but the local-only ones, the outbox and {@code tray-documents} (on AWS the
     * completed trays' PDFs are in S3, {@code S3TrayDocumentStore}).
     */
    public static List<TableSpec> deployed() {
        return SPECS.stream()
                .filter(s -> !s.table().equals(OUTBOX) && !s.table().equals(TRAY_DOCUMENTS))
                .toList();
    }

    public static CreateTableRequest createRequest(String prefix, TableSpec spec) {
        List<KeySchemaElement> keys = keySchema(spec.partitionKey(), spec.sortKey());
        List<AttributeDefinition> attributes = new ArrayList<>();
        keys.forEach(k -> attributes.add(AttributeDefinition.builder()
                .attributeName(k.attributeName())
                .attributeType(ScalarAttributeType.S)
                .build()));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(spec.nameFor(prefix))
                .keySchema(keys)
                .billingMode(BillingMode.PAY_PER_REQUEST);
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (IndexSpec index : spec.indexes()) {
            for (String key : indexAttributes(index)) {
                if (attributes.stream().noneMatch(a -> a.attributeName().equals(key))) {
                    attributes.add(AttributeDefinition.builder()
                            .attributeName(key)
                            .attributeType(ScalarAttributeType.S)
                            .build());
                }
            }
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(indexKeySchema(index))
                    .projection(ALL)
                    .build());
        }
        if (!indexes.isEmpty()) request.globalSecondaryIndexes(indexes);
        return request.attributeDefinitions(attributes).build();
    }

    private static final Projection ALL =
            Projection.builder().projectionType(ProjectionType.ALL).build();

    private static List<String> indexAttributes(IndexSpec index) {
        return index.sortKey() == null ? List.of(index.partitionKey()) : List.of(index.partitionKey(), index.sortKey());
    }

    private static List<KeySchemaElement> indexKeySchema(IndexSpec index) {
        return keySchema(index.partitionKey(), index.sortKey());
    }

    /** A partition key and, when not null, a sort key. */
    private static List<KeySchemaElement> keySchema(String partitionKey, String sortKey) {
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder()
                .attributeName(partitionKey)
                .keyType(KeyType.HASH)
                .build());
        if (sortKey != null) {
            keys.add(KeySchemaElement.builder()
                    .attributeName(sortKey)
                    .keyType(KeyType.RANGE)
                    .build());
        }
        return keys;
    }

    /**
     * A table created before an index was declared (a local data directory from an older version) gets it now, one
     * index per update as DynamoDB requires.
     */
    private static void ensureIndexes(DynamoDbClient client, String name, TableSpec spec) {
        for (IndexSpec index : spec.indexes()) {
            var described = client.describeTable(b -> b.tableName(name)).table();
            if (described.hasGlobalSecondaryIndexes()
                    && described.globalSecondaryIndexes().stream()
                            .anyMatch(i -> i.indexName().equals(index.name()))) {
                continue;
            }
            client.updateTable(b -> b.tableName(name)
                    .attributeDefinitions(indexAttributes(index).stream()
                            .map(key -> AttributeDefinition.builder()
                                    .attributeName(key)
                                    .attributeType(ScalarAttributeType.S)
                                    .build())
                            .toList())
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                            .create(CreateGlobalSecondaryIndexAction.builder()
                                    .indexName(index.name())
                                    .keySchema(indexKeySchema(index))
                                    .projection(ALL)
                                    .build())
                            .build()));
        }
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
                ensureIndexes(client, name, spec);
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
