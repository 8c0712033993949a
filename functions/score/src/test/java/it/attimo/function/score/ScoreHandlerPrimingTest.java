package it.attimo.function.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import it.attimo.aws.lambda.SnapStartPriming;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming ({@code beforeCheckpoint}) on the score function's real wiring: the SDK clients it uses are built
 * and their calls marshalled, the handler's warm-up runs, and nothing connects to the endpoint the clients point at.
 */
class ScoreHandlerPrimingTest {
    @Test
    void beforeCheckpointPrimesTheClientsAndTheFoldWithoutOpeningAConnection() throws Exception {
        try (ServerSocket endpoint = new ServerSocket()) {
            endpoint.bind(new InetSocketAddress("127.0.0.1", 0));
            endpoint.setSoTimeout(200);
            try (ApplicationContext ctx = ApplicationContext.builder()
                    .environments("function")
                    .properties(Map.of(
                            "attimo.aws.endpoint", "http://127.0.0.1:" + endpoint.getLocalPort(),
                            "attimo.state.machine.arns",
                                    "post-purchase=arn:aws:states:eu-south-1:123456789012:stateMachine:pp",
                            "attimo.rescore.target-arn",
                                    "arn:aws:lambda:eu-south-1:123456789012:function:attimo-score:live",
                            "attimo.rescore.role-arn", "arn:aws:iam::123456789012:role/attimo-rescore",
                            "attimo.rescore.group", "attimo-rescores"))
                    .start()) {
                ScoreHandler handler = new ScoreHandler(ctx);
                assertThat(handler.priming()).isEmpty();

                handler.beforeCheckpoint(null);
                handler.afterRestore(null);

                SnapStartPriming.Report report = handler.priming().orElseThrow();
                assertThat(report.problems()).isEmpty();
                assertThat(report.handlerWarmedUp()).isTrue();
                assertThat(report.marshalled())
                        .contains(
                                "DynamoDb.GetItem",
                                "DynamoDb.Query",
                                "DynamoDb.PutItem",
                                "DynamoDb.TransactWriteItems",
                                "Sfn.StartExecution",
                                "Sfn.SendTaskSuccess",
                                "Scheduler.CreateSchedule");
                assertThat(report.transmitted()).as("no request left the JVM").isZero();
                assertThat(report.classesLoaded()).isPositive();
                try {
                    endpoint.accept().close();
                    throw new AssertionError("priming opened a connection to the endpoint");
                } catch (SocketTimeoutException none) {
                    // nothing connected: no connection to carry across the snapshot
                }
            }
        }
    }
}
