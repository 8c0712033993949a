package it.attimo.aws.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import it.attimo.aws.channel.SnsAlertSink;
import it.attimo.aws.sqs.DeadLetterQueue;
import it.attimo.core.port.AlertSink;
import it.attimo.core.port.DeadLetters;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The analytics refresh's alerts on AWS: sent to {@code attimo.alerts.topic-arn} ({@code ATTIMO_ALERTS_TOPIC_ARN}),
 * the events DLQ {@code attimo.events.dlq.url} ({@code ATTIMO_EVENTS_DLQ_URL}) watched. Without them (and locally,
 * where the outbox takes the alerts and the stack registers its own DLQ) the {@link AttimoFactory} fallbacks apply.
 */
@Factory
public class AlertsFactory {
    @Singleton
    @Requires(classes = SnsClient.class)
    @Requires(property = "attimo.alerts.topic-arn")
    AlertSink snsAlerts(
            DynamoDbClient dynamo,
            @Value("${attimo.table.prefix:attimo}") String prefix,
            @Value("${attimo.alerts.topic-arn}") String topicArn,
            @Value("${attimo.aws.region:}") String region,
            @Value("${attimo.aws.sns.endpoint:}") String endpoint,
            @Value("${attimo.aws.endpoint:}") String shared) {
        // its own client: the channels' SnsClient bean exists only where SES ships too
        SnsClient sns = AwsClients.build(
                SnsClient.builder(), AttimoFactory.region(region), AwsClients.endpoint(endpoint, shared));
        return new SnsAlertSink(sns, dynamo, prefix, topicArn);
    }

    @Singleton
    @Requires(classes = SqsClient.class)
    @Requires(property = "attimo.events.dlq.url")
    DeadLetters sqsDeadLetters(SqsClient sqs, @Value("${attimo.events.dlq.url}") String dlqUrl) {
        DeadLetterQueue dlq = new DeadLetterQueue(sqs, dlqUrl, dlqUrl);
        return dlq::approximateCount;
    }
}
