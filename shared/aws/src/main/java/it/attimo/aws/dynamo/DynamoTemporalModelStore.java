package it.attimo.aws.dynamo;

import it.attimo.core.port.TemporalModelStore;
import it.attimo.core.timing.profile.FittedModel;
import it.attimo.core.timing.profile.FittedModelJson;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The temporal model in the small {@code <prefix>-models} table: item {@code temporal#latest}, read by the planners,
 * and a dated copy {@code temporal#YYYY-MM-DD} (UTC date of the fit) kept {@code history} for comparison. The model
 * is compact JSON (about 40 kB, under DynamoDB's 400 kB item limit) and holds no customer data.
 */
public final class DynamoTemporalModelStore implements TemporalModelStore {
    public static final String LATEST = "temporal#latest";
    public static final Duration DEFAULT_HISTORY = Duration.ofDays(90);

    private final DynamoDbClient client;
    private final String table;
    private final Duration history;

    public DynamoTemporalModelStore(DynamoDbClient client, String tablePrefix, Duration history) {
        this.client = client;
        this.table = AttimoTables.name(tablePrefix, AttimoTables.MODELS);
        this.history = history;
    }

    public DynamoTemporalModelStore(DynamoDbClient client, String tablePrefix) {
        this(client, tablePrefix, DEFAULT_HISTORY);
    }

    public static String datedId(FittedModel model) {
        return "temporal#" + model.fittedAt().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    @Override
    public void save(FittedModel model) {
        String json = FittedModelJson.write(model);
        Map<String, AttributeValue> dated = item(datedId(model), json, model);
        dated.put(
                AttimoTables.TTL_ATTRIBUTE,
                Items.n(model.fittedAt().plus(history).getEpochSecond()));
        client.putItem(b -> b.tableName(table).item(dated));
        Map<String, AttributeValue> latest = item(LATEST, json, model);
        client.putItem(b -> b.tableName(table).item(latest));
    }

    @Override
    public Optional<FittedModel> latest() {
        Map<String, AttributeValue> item = client.getItem(b ->
                        b.tableName(table).key(Items.key("modelId", LATEST)).consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(FittedModelJson.read(Items.text(item, "model")));
    }

    private static Map<String, AttributeValue> item(String id, String json, FittedModel model) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("modelId", Items.s(id));
        item.put("model", Items.s(json));
        Items.putIfPresent(item, "fittedAt", model.fittedAt());
        return item;
    }
}
