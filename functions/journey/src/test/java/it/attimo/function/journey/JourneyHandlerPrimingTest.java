package it.attimo.function.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import it.attimo.aws.lambda.SnapStartPriming;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart priming on the journey function's wiring: its clients' calls marshalled, the planner warmed, no connection. */
class JourneyHandlerPrimingTest {
    @Test
    void beforeCheckpointPrimesTheStoresTheProvidersAndThePlannerWithoutConnecting() throws Exception {
        try (ServerSocket endpoint = new ServerSocket()) {
            endpoint.bind(new InetSocketAddress("127.0.0.1", 0));
            endpoint.setSoTimeout(200);
            try (ApplicationContext ctx = ApplicationContext.builder()
                    .environments("function")
                    .properties(Map.of(
                            "attimo.aws.endpoint", "http://127.0.0.1:" + endpoint.getLocalPort(),
                            "attimo.channel.mode", "aws",
                            "attimo.ses.from-address", "ciao@attimo.example"))
                    .start()) {
                JourneyHandler handler = new JourneyHandler(ctx);

                handler.beforeCheckpoint(null);

                SnapStartPriming.Report report = handler.priming().orElseThrow();
                assertThat(report.problems()).isEmpty();
                assertThat(report.handlerWarmedUp()).isTrue();
                assertThat(report.marshalled())
                        .contains("DynamoDb.GetItem", "DynamoDb.Query", "DynamoDb.PutItem", "Sfn.SendTaskSuccess");
                assertThat(report.transmitted()).isZero();
                try {
                    endpoint.accept().close();
                    throw new AssertionError("priming opened a connection to the endpoint");
                } catch (SocketTimeoutException none) {
                    // nothing connected
                }
            }
        }
    }
}
