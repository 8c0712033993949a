package it.attimo.aws.testing;

import it.attimo.aws.config.AwsClients;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/** ElasticMQ in-process on 127.0.0.1 and a free port, with a client built like the production one. */
public final class LocalSqs implements AutoCloseable {
    private final SQSRestServer server;
    private final String endpoint;
    private final SqsClient client;

    private LocalSqs(SQSRestServer server, int port) {
        this.server = server;
        this.endpoint = "http://127.0.0.1:" + port;
        this.client = AwsClients.build(SqsClient.builder(), "eu-south-1", endpoint);
    }

    public static LocalSqs start() {
        SQSRestServer server =
                SQSRestServerBuilder.withPort(0).withInterface("127.0.0.1").start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new LocalSqs(server, port);
    }

    public SqsClient client() {
        return client;
    }

    public String endpoint() {
        return endpoint;
    }

    /** A FIFO queue without content-based deduplication (every message must carry its own id). */
    public String createFifoQueue(String name) {
        return client.createQueue(b -> b.queueName(name + ".fifo")
                        .attributesWithStrings(
                                java.util.Map.of("FifoQueue", "true", "ContentBasedDeduplication", "false")))
                .queueUrl();
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
