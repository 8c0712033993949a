package it.attimo.aws.channel;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.port.AccountManagerTasks;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Account-manager follow-ups as messages on an SNS topic (subscribe the CRM integration or a team mailbox). The
 * message is ids and a reason code only.
 */
public final class SnsAccountManagerTasks implements AccountManagerTasks {
    private final SnsClient client;
    private final String topicArn;

    public SnsAccountManagerTasks(SnsClient client, String topicArn) {
        this.client = client;
        this.topicArn = topicArn;
    }

    @Override
    public void open(String customerId, String reason, String executionName) {
        ObjectNode task = JsonNodeFactory.instance.objectNode();
        task.put("type", "account-manager.task");
        task.put("customerId", customerId);
        task.put("reason", reason);
        task.put("executionName", executionName);
        client.publish(b -> b.topicArn(topicArn).subject("Attimo: " + reason).message(task.toString()));
    }
}
