package it.attimo.aws.dynamo;

import it.attimo.aws.json.ProfileJson;
import it.attimo.core.customer.Profile;
import it.attimo.core.port.ProfileStore;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Profiles as one JSON document per customer beside a numeric {@code version}; a save is a put conditioned on the
 * version the caller read (optimistic locking).
 */
public final class DynamoProfileStore implements ProfileStore {
    private static final String VERSION = "version";
    private static final String DOCUMENT = "profile";

    private final DynamoDbClient client;
    private final String table;

    public DynamoProfileStore(DynamoDbClient client, String tablePrefix) {
        this.client = client;
        this.table = AttimoTables.name(tablePrefix, AttimoTables.PROFILES);
    }

    @Override
    public Optional<Profile> find(String customerId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                        .key(Items.key("customerId", customerId))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) return Optional.empty();
        Profile stored = ProfileJson.read(Items.text(item, DOCUMENT));
        return Optional.of(stored.withVersion(Items.number(item, VERSION, 0)));
    }

    @Override
    public Profile save(Profile profile, long expectedVersion) {
        Profile saved = profile.withVersion(expectedVersion + 1);
        PutItemRequest.Builder put = PutItemRequest.builder()
                .tableName(table)
                .item(Map.of(
                        "customerId",
                        Items.s(profile.customerId()),
                        VERSION,
                        Items.n(saved.version()),
                        DOCUMENT,
                        Items.s(ProfileJson.write(saved))));
        if (expectedVersion == 0) {
            put.conditionExpression("attribute_not_exists(customerId)");
        } else {
            put.conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", VERSION))
                    .expressionAttributeValues(Map.of(":expected", Items.n(expectedVersion)));
        }
        try {
            client.putItem(put.build());
            return saved;
        } catch (ConditionalCheckFailedException conflict) {
            throw new ConcurrentUpdateException(profile.customerId());
        }
    }

    @Override
    public void delete(String customerId) {
        client.deleteItem(b -> b.tableName(table).key(Items.key("customerId", customerId)));
    }
}
