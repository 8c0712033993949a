package it.attimo.aws.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import it.attimo.aws.sqs.SqsEventQueue;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The event queue (SQS FIFO). Only in functions that ship the SQS SDK (ingest, the local stack).
 */
@Factory
@Requires(classes = SqsClient.class)
public class QueueFactory {
    @Singleton
    @Bean(preDestroy = "close")
    SqsClient sqsClient(
            @Value("${attimo.aws.region:}") String region,
            @Value("${attimo.aws.sqs.endpoint:}") String endpoint,
            @Value("${attimo.aws.endpoint:}") String shared) {
        return AwsClients.build(
                SqsClient.builder(), AttimoFactory.region(region), AwsClients.endpoint(endpoint, shared));
    }

    @Singleton
    SqsEventQueue eventQueue(SqsClient client, @Value("${attimo.events.queue.url:}") String queueUrl) {
        if (queueUrl.isBlank()) {
            throw new IllegalStateException("attimo.events.queue.url (ATTIMO_EVENTS_QUEUE_URL) is not set");
        }
        return new SqsEventQueue(client, queueUrl);
    }
}
