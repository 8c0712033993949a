package it.attimo.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.attimo.aws.channel.OutboxMessage;
import it.attimo.sfn.ExecutionDescription;
import it.attimo.sfn.ExecutionStatus;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop and a start on the same data directory in the middle of a post-purchase journey lose and repeat nothing. */
class LocalStackRestartIT {
    private static final String SECRET = "restart-secret";
    private static final Instant START = Instant.parse("2026-06-08T06:00:00Z");
    private static final String CUSTOMER = "c-restart-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void aRestartHalfwayResumesTheJourneyAtTheSameVirtualTime() throws Exception {
        StackOptions options =
                StackOptions.inMemory(LocalStackIT.projectHome(), START, SECRET).withDataDir(data);
        Instant halfway;
        try (LocalStack first = LocalStack.start(options)) {
            assertThatThrownBy(() -> LocalStack.start(options)).hasMessageContaining("in use");
            post(
                    first,
                    event(
                            "r-1",
                            "customer.upserted",
                            START,
                            "{\"segment\":\"b2c\",\"comune\":\"015146\",\"locale\":\"it-IT\",\"email\":\"c-restart-1@example.invalid\","
                                    + "\"consent\":{\"email\":true}}"));
            post(first, event("r-2", "order.delivered", START.plusSeconds(60), "{\"orderId\":\"o-1\"}"));
            first.advanceTo(START.plus(Duration.ofHours(36)));
            halfway = first.now();
            List<ExecutionDescription> running = first.executions();
            assertThat(running).hasSize(1);
            assertThat(running.get(0).status()).isEqualTo(ExecutionStatus.RUNNING);
            assertThat(first.outbox(Optional.of(CUSTOMER))).hasSizeBetween(1, 2);
        }

        try (LocalStack second = LocalStack.start(options)) {
            assertThat(second.clockRestored()).isTrue();
            assertThat(second.now()).isEqualTo(halfway);
            assertThat(second.resumedExecutions()).isEqualTo(1);
            // past the repurchase window (days 7-14), so the journey has ended
            second.advanceTo(START.plus(Duration.ofDays(16)));
            List<OutboxMessage> sent = second.outbox(Optional.of(CUSTOMER));
            assertThat(sent)
                    .extracting(OutboxMessage::step)
                    .startsWith("welcome", "tutorial", "contextual", "survey")
                    .doesNotHaveDuplicates();
            assertThat(sent).extracting(OutboxMessage::messageKey).doesNotHaveDuplicates();
            assertThat(second.executions())
                    .extracting(ExecutionDescription::status)
                    .containsExactly(ExecutionStatus.SUCCEEDED);
        }
    }

    private static String event(String id, String type, Instant time, String data) {
        return SignedEvents.cloudEvent(id, type, CUSTOMER, time, data);
    }

    private static void post(LocalStack stack, String body) throws Exception {
        HttpResponse<String> response = SignedEvents.postEvent(stack.baseUrl(), SECRET, body);
        JsonNode json = JSON.readTree(response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json.path("accepted").asInt()).isEqualTo(1);
    }
}
