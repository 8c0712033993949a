package it.attimo.aws.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.aws.dynamo.AttimoTables;
import it.attimo.core.insights.InsightsAlert;
import it.attimo.core.port.AlertSink;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The refresh's alerts on an SNS topic (subscribe the marketing team's mailbox or chat). Once per alert id: a
 * conditional put of {@code alert#<id>} in the models table before the publish, as the ledger reserves before a
 * send; a publish that fails removes the marker so the next refresh sends it.
 */
public final class SnsAlertSink implements AlertSink {
    private final SnsClient sns;
    private final DynamoDbClient dynamo;
    private final String table;
    private final String topicArn;

    public SnsAlertSink(SnsClient sns, DynamoDbClient dynamo, String tablePrefix, String topicArn) {
        this.sns = sns;
        this.dynamo = dynamo;
        this.table = AttimoTables.name(tablePrefix, AttimoTables.MODELS);
        this.topicArn = topicArn;
    }

    @Override
    public boolean sendOnce(InsightsAlert alert) {
        Map<String, AttributeValue> key = Map.of("modelId", AttributeValue.fromS("alert#" + alert.id()));
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            "modelId", key.get("modelId"),
                            "detectedAt",
                                    AttributeValue.fromS(alert.detectedAt().toString())))
                    .conditionExpression("attribute_not_exists(modelId)"));
        } catch (ConditionalCheckFailedException alreadySent) {
            return false;
        }
        ObjectNode message = alert.toJson();
        message.put("type", "attimo.alert");
        try {
            sns.publish(b -> b.topicArn(topicArn)
                    .subject(("Attimo " + alert.severity() + ": " + alert.kind()))
                    .message(message.toString()));
            return true;
        } catch (RuntimeException e) {
            dynamo.deleteItem(b -> b.tableName(table).key(key));
            throw e;
        }
    }
}
