package it.attimo.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.attimo.local.demo.DemoRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The insights routes after a demo-sized run: the demo's synthetic customers through the real endpoints over two
 * virtual days (so the 05:00 Rome analytics refresh runs inside it, twice), then the stack restarted on the demo's data
 * directory serves what that refresh stored.
 */
class DemoAnalyticsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void afterTheDemoEveryInsightsRouteAnswersFromTheStoredRefresh() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun.Outcome outcome = DemoRun.run(
                new DemoRun.Settings(
                        LocalStackIT.projectHome(), data, 100, 5, 2, Instant.parse("2026-06-08T06:00:00Z"), 4, 2),
                new PrintStream(log, true, StandardCharsets.UTF_8),
                false);
        assertThat(outcome.healthy()).as(outcome.problems().toString()).isTrue();
        // every finished execution's billed transitions are measured: at least its start state, at most its longest run
        List<String> measured = new java.util.ArrayList<>();
        outcome.json().path("journeys").fields().forEachRemaining(j -> {
            JsonNode t = j.getValue().path("transitions");
            assertThat(t.path("executions").asLong())
                    .as(j.getKey())
                    .isEqualTo(j.getValue().path("finished").asLong());
            if (t.path("executions").asLong() == 0) return;
            measured.add(j.getKey());
            assertThat(t.path("min").asLong()).as(j.getKey()).isPositive();
            assertThat(t.path("mean").asDouble())
                    .as(j.getKey())
                    .isBetween(t.path("min").asDouble(), t.path("max").asDouble());
            assertThat(outcome.text()).containsPattern("  " + j.getKey() + " +[0-9.]+ per finished execution");
        });
        assertThat(measured).isNotEmpty();

        StackOptions options = StackOptions.inMemory(LocalStackIT.projectHome(), Instant.now(), "after-demo")
                .withDataDir(data);
        try (LocalStack stack = LocalStack.start(options)) {
            JsonNode rfm = get(stack, "/insights/rfm?limit=1000");
            // a refresh the demo's clock ran (05:00 Rome, after its second day), over every customer
            Instant generatedAt = Instant.parse(rfm.path("generatedAt").asText());
            assertThat(generatedAt).isAfterOrEqualTo(Instant.parse("2026-06-10T03:00:00Z"));
            assertThat(generatedAt.atZone(java.time.ZoneId.of("Europe/Rome")).toLocalTime())
                    .isEqualTo(java.time.LocalTime.of(5, 0));
            assertThat(rfm.path("customers").asInt()).isEqualTo(100);
            assertThat(rfm.path("total").asInt()).isPositive();
            // the demo's orders carry an amount: monetary values are real
            assertThat(rfm.path("rows"))
                    .anySatisfy(r -> assertThat(r.path("monetary").asDouble()).isPositive());
            assertThat(rfm.path("b2b").path("accounts").asInt()).isPositive();
            JsonNode clusters = get(stack, "/insights/clusters");
            assertThat(clusters.path("k").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(clusters.path("clusters"))
                    .allSatisfy(c -> assertThat(c.path("description").asText()).isNotBlank());
            JsonNode clv = get(stack, "/insights/clv");
            assertThat(clv.path("status").asText()).isNotBlank();
            JsonNode churn = get(stack, "/insights/churn");
            assertThat(churn.path("status").asText()).isNotBlank();
            for (String route : List.of("rfm", "clusters", "clv", "churn")) {
                HttpResponse<String> csv = HTTP.send(
                        HttpRequest.newBuilder(stack.baseUrl().resolve("/insights/" + route + "?format=csv"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(csv.statusCode()).as(route).isEqualTo(200);
                assertThat(csv.body()).contains("\r\n");
            }
        }
    }

    private static JsonNode get(LocalStack stack, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(stack.baseUrl().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
