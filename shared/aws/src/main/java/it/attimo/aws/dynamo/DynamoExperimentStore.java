package it.attimo.aws.dynamo;

import it.attimo.core.experiment.ExperimentAssignment;
import it.attimo.core.experiment.ExperimentDecision;
import it.attimo.core.port.ExperimentStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Experiment assignments as (customerId, experimentId) items, so erasure deletes the customer's partition like every
 * other table; an experiment's decision is the item of the reserved partition {@value #DECISIONS} (no customer id can
 * contain '#'). Both are put-if-absent. The report reads an experiment's assignments with a filtered Scan (fine for
 * the populations of a reporting call; a GSI on experimentId is the next step at millions of customers).
 */
public final class DynamoExperimentStore implements ExperimentStore {
    static final String DECISIONS = "#decision";

    private final DynamoDbClient client;
    private final String table;

    public DynamoExperimentStore(DynamoDbClient client, String tablePrefix) {
        this.client = client;
        this.table = AttimoTables.name(tablePrefix, AttimoTables.EXPERIMENTS);
    }

    @Override
    public Optional<ExperimentAssignment> assignment(String experimentId, String customerId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                        .key(Items.key("customerId", customerId, "experimentId", experimentId))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(assignmentOf(item));
    }

    @Override
    public boolean assign(ExperimentAssignment a) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("customerId", Items.s(a.customerId()));
        item.put("experimentId", Items.s(a.experimentId()));
        item.put("arm", Items.s(a.arm()));
        item.put("promoted", AttributeValue.fromBool(a.promoted()));
        Items.putIfPresent(item, "assignedAt", a.assignedAt());
        return putIfAbsent(item);
    }

    @Override
    public List<ExperimentAssignment> assignments(String experimentId) {
        ScanRequest scan = ScanRequest.builder()
                .tableName(table)
                .filterExpression("experimentId = :e AND customerId <> :d")
                .expressionAttributeValues(Map.of(":e", Items.s(experimentId), ":d", Items.s(DECISIONS)))
                .consistentRead(true)
                .build();
        List<ExperimentAssignment> out = new ArrayList<>();
        client.scanPaginator(scan).items().forEach(item -> out.add(assignmentOf(item)));
        return out;
    }

    @Override
    public Optional<ExperimentDecision> decision(String experimentId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                        .key(Items.key("customerId", DECISIONS, "experimentId", experimentId))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(new ExperimentDecision(
                experimentId,
                Items.text(item, "status"),
                Items.text(item, "winner"),
                Double.parseDouble(item.get("pValue").n()),
                Items.instant(item, "decidedAt")));
    }

    @Override
    public boolean decide(ExperimentDecision d) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("customerId", Items.s(DECISIONS));
        item.put("experimentId", Items.s(d.experimentId()));
        item.put("status", Items.s(d.status()));
        Items.putIfPresent(item, "winner", d.winner());
        item.put("pValue", AttributeValue.fromN(Double.toString(d.pValue())));
        Items.putIfPresent(item, "decidedAt", d.decidedAt());
        return putIfAbsent(item);
    }

    @Override
    public void erase(String customerId) {
        Items.deletePartition(client, table, "customerId", "experimentId", customerId);
    }

    private boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(customerId)"));
            return true;
        } catch (ConditionalCheckFailedException alreadyThere) {
            return false;
        }
    }

    private static ExperimentAssignment assignmentOf(Map<String, AttributeValue> item) {
        AttributeValue promoted = item.get("promoted");
        return new ExperimentAssignment(
                Items.text(item, "experimentId"),
                Items.text(item, "customerId"),
                Items.text(item, "arm"),
                promoted != null && Boolean.TRUE.equals(promoted.bool()),
                Items.instant(item, "assignedAt"));
    }
}
