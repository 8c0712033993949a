package it.attimo.local;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ's SQS-compatible REST server, in process, on 127.0.0.1 and a free port. */
public final class EmbeddedElasticMq implements AutoCloseable {
    private final SQSRestServer server;
    private final URI endpoint;

    private EmbeddedElasticMq(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    public static EmbeddedElasticMq start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .withAWSRegion(SamTemplate.REGION)
                .withAWSAccountId(SamTemplate.ACCOUNT)
                .start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new EmbeddedElasticMq(server, URI.create("http://127.0.0.1:" + port));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
