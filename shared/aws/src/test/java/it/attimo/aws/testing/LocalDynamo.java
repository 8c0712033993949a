package it.attimo.aws.testing;

import it.attimo.aws.config.AwsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local in server mode, in memory, on a free port, reached over HTTP by a client built exactly like the
 * production one. (Server mode listens on all interfaces; DynamoDB Local has no bind option.)
 */
public final class LocalDynamo implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final String endpoint;
    private final DynamoDbClient client;

    private LocalDynamo(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.endpoint = "http://127.0.0.1:" + port;
        this.client = AwsClients.build(DynamoDbClient.builder(), "eu-south-1", endpoint);
    }

    private static LocalDynamo shared;

    /** One instance for the whole test JVM (stopped at exit); give each test class its own table prefix. */
    public static synchronized LocalDynamo shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A table prefix no other test uses, with every table created. */
    public String freshTables(String name) {
        String prefix = name + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        // TTL off: DynamoDB Local deletes expired items by the wall clock, and tests stamp fixed past instants
        it.attimo.aws.dynamo.AttimoTables.createWithoutExpiry(client, prefix);
        return prefix;
    }

    public static LocalDynamo start() {
        int port = freePort();
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
            server.start();
            return new LocalDynamo(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    public DynamoDbClient client() {
        return client;
    }

    public String endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        client.close();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
