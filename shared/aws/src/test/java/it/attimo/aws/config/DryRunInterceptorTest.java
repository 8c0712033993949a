package it.attimo.aws.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A dry run marshals a call and stops it before it leaves; outside a dry run the same client sends as usual. */
class DryRunInterceptorTest {
    @Test
    void aDryRunMarshalsWithoutConnectingAndOrdinaryCallsStillGoOut() throws Exception {
        try (ServerSocket endpoint = new ServerSocket()) {
            endpoint.bind(new InetSocketAddress("127.0.0.1", 0));
            endpoint.setSoTimeout(300);
            try (DynamoDbClient client = AwsClients.build(
                    DynamoDbClient.builder(), "eu-south-1", "http://127.0.0.1:" + endpoint.getLocalPort())) {
                List<String> problems = new ArrayList<>();
                DryRunInterceptor.DryRun run = DryRunInterceptor.dryRun(
                        List.of(() ->
                                client.getItem(b -> b.tableName("t").key(Map.of("k", AttributeValue.fromS("v"))))),
                        problems);

                assertThat(problems).isEmpty();
                assertThat(run.marshalled()).containsExactly("DynamoDb.GetItem");
                assertThat(run.transmitted()).isZero();
                assertThat(accepted(endpoint))
                        .as("the dry run opened no connection")
                        .isFalse();

                CompletableFuture<Void> ordinary = CompletableFuture.runAsync(() -> {
                    try {
                        client.getItem(b -> b.tableName("t").key(Map.of("k", AttributeValue.fromS("v"))));
                    } catch (RuntimeException expected) {
                        // nobody answers at that socket: the point is that the call went out
                    }
                });
                endpoint.setSoTimeout(10_000);
                assertThat(accepted(endpoint)).as("an ordinary call connects").isTrue();
                ordinary.cancel(true);
            }
        }
    }

    @Test
    void aCallThatIsNotStoppedIsReportedAsAProblem() {
        List<String> problems = new ArrayList<>();
        DryRunInterceptor.dryRun(List.of(() -> {}), problems);
        assertThat(problems).singleElement().asString().contains("not stopped");
    }

    private static boolean accepted(ServerSocket endpoint) throws Exception {
        try (Socket ignored = endpoint.accept()) {
            return true;
        } catch (SocketTimeoutException none) {
            return false;
        }
    }
}
