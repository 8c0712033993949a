package it.attimo.local;

import it.attimo.aws.config.SdkCallCounter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local as an HTTP server on 127.0.0.1 only. DynamoDB Local's own runner binds every interface, so this builds
 * the same request handler it would ({@code -sharedDb}, {@code -inMemory} or {@code -dbPath}) and mounts it on a Jetty
 * connector bound to the loopback address. Bypassing its runner also means its telemetry is never configured.
 */
public final class LoopbackDynamoDb implements AutoCloseable {
    private final Server server;
    private final LocalDynamoDBRequestHandler requests;
    private final URI endpoint;

    private LoopbackDynamoDb(Server server, LocalDynamoDBRequestHandler requests, URI endpoint) {
        this.server = server;
        this.requests = requests;
        this.endpoint = endpoint;
    }

    /** @param dbPath directory for the SQLite file, or null to keep everything in memory */
    public static LoopbackDynamoDb start(Path dbPath) {
        try {
            boolean inMemory = dbPath == null;
            if (!inMemory) {
                Files.createDirectories(dbPath);
            }
            LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(
                    0, inMemory, inMemory ? null : dbPath.toAbsolutePath().toString(), true, false);
            LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(requests, null);
            // only used for its handler wiring; its own Server (all interfaces) is never started
            DynamoDBProxyServer wiring = new DynamoDBProxyServer(0, handler);
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            server.setHandler(wiring.setUpHandler(handler));
            server.start();
            return new LoopbackDynamoDb(server, requests, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
        }
    }

    /**
     * A client calling this database in-process (no HTTP); the HTTP endpoint keeps serving the same data.
     *
     * @param counter where calls are counted, or null
     */
    public DynamoDbClient inProcessClient(SdkCallCounter counter) {
        return new InProcessDynamoDbClient(requests, counter);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Stops the HTTP side, then closes the database (which releases the SQLite file for the next start). */
    @Override
    public void close() {
        try {
            server.stop();
            requests.shutdown();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
