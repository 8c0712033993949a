package it.attimo.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /admin/clock {"set"}} goes back in time while nothing is pending, and says what is when it cannot. */
class VirtualClockIT {
    private static final String SECRET = "clock-secret";
    private static final Instant TODAY = Instant.parse("2026-12-02T09:00:00Z");
    private static final Instant LAST_JUNE = Instant.parse("2026-06-10T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void aFreshStackGoesBackToLastJuneAndReplaysItsEventsButNotWhileAJourneyRuns() throws Exception {
        StackOptions options =
                StackOptions.inMemory(LocalStackIT.projectHome(), TODAY, SECRET).withDataDir(data);
        try (LocalStack stack = LocalStack.start(options)) {
            HttpResponse<String> back = clock(stack, "{\"set\":\"" + LAST_JUNE + "\"}");
            assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
            assertThat(JSON.readTree(back.body()).path("now").asText()).isEqualTo(LAST_JUNE.toString());
            assertThat(stack.now()).isEqualTo(LAST_JUNE);
            assertThat(stack.health().toString())
                    .as("recurring schedules recomputed from the new instant")
                    .doesNotContain("2026-12-0");

            post(stack, event("v-1", "customer.upserted", LAST_JUNE, "{\"segment\":\"b2c\",\"consent\":{}}"));
            post(stack, event("v-2", "order.delivered", LAST_JUNE.plusSeconds(60), "{\"orderId\":\"o-1\"}"));
            stack.advanceTo(LAST_JUNE.plus(Duration.ofHours(1)));

            HttpResponse<String> refused = clock(stack, "{\"set\":\"2026-05-01T00:00:00Z\"}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            JsonNode error = JSON.readTree(refused.body());
            assertThat(error.path("error").asText()).isEqualTo("conflict");
            assertThat(error.path("message").asText())
                    .contains("1 running journey execution(s)")
                    .contains("post-purchase-c-clock-1-");
            assertThat(stack.now()).as("nothing changed").isEqualTo(LAST_JUNE.plus(Duration.ofHours(1)));

            // past the post-purchase journey's end (its repurchase invitation comes in days 7-14)
            stack.advanceTo(LAST_JUNE.plus(Duration.ofDays(16)));
            HttpResponse<String> again = clock(stack, "{\"set\":\"" + LAST_JUNE + "\"}");
            assertThat(again.statusCode())
                    .as("the journey ended, nothing pending: " + again.body())
                    .isEqualTo(200);
        }
        try (LocalStack restarted = LocalStack.start(
                StackOptions.inMemory(LocalStackIT.projectHome(), TODAY, SECRET).withDataDir(data))) {
            assertThat(restarted.now()).as("the instant set is saved").isEqualTo(LAST_JUNE);
        }
    }

    private static HttpResponse<String> clock(LocalStack stack, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(stack.baseUrl().resolve("/admin/clock"))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String event(String id, String type, Instant time, String data) {
        return SignedEvents.cloudEvent(id, type, "c-clock-1", time, data);
    }

    private static void post(LocalStack stack, String body) throws Exception {
        HttpResponse<String> response = SignedEvents.postEvent(stack.baseUrl(), SECRET, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }
}
