package it.attimo.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.attimo.core.ingest.AttimoSignatureVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded stack end to end over HTTP: one signed event, the clock moved, the profile read back. */
class LocalStackIT {
    private static final String SECRET = "it-secret";
    private static final Instant START = Instant.parse("2026-06-08T06:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(StackOptions.inMemory(projectHome(), START, SECRET));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    static Path projectHome() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !dir.resolve("template.yaml").toFile().isFile()) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "template.yaml not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    @Test
    void healthReportsTheVirtualClockAndComponents() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(health.body());
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(Instant.parse(body.path("now").asText())).isAfterOrEqualTo(START);
        assertThat(body.path("components")
                        .path("stepFunctions")
                        .path("journeys")
                        .toString())
                .contains("post-purchase");
        assertThat(stack.baseUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(stack.dynamoDbEndpoint().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void theStackServesOnThePortItBoundAndRefusesABusyOneBeforeStartingAnything() throws Exception {
        assertThat(stack.baseUrl().getPort()).isPositive();
        assertThat(get("/health").statusCode()).isEqualTo(200);

        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            long began = System.nanoTime();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalStack.start(
                            StackOptions.inMemory(projectHome(), START, SECRET).withHttpPort(port)))
                    .isInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + port);
            // refused at the bind, before DynamoDB Local and ElasticMQ (seconds) were started
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void aReScoreTimerReachesTheScoreFunctionThroughTheQueue() throws Exception {
        String customer = "c-it-rescore";
        // an order delayed 80 h, then delivered, is watched for 48 hours: the churn rule must look again when they
        // end, with no new event (a re-score timer), and without any interaction it turns high
        String delayed = "{\"specversion\":\"1.0\",\"id\":\"it-rescore-1\",\"source\":\"it/test\","
                + "\"type\":\"delivery.delayed\",\"subject\":\"" + customer + "\",\"time\":\""
                + stack.now().minusSeconds(120) + "\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"orderId\":\"o-it-rescore\",\"delayHours\":80}}";
        String delivered = "{\"specversion\":\"1.0\",\"id\":\"it-rescore-2\",\"source\":\"it/test\","
                + "\"type\":\"order.delivered\",\"subject\":\"" + customer + "\",\"time\":\"" + stack.now()
                + "\",\"datacontenttype\":\"application/json\",\"data\":{\"orderId\":\"o-it-rescore\"}}";
        for (String event : new String[] {delayed, delivered}) {
            HttpResponse<String> posted = postSigned("/events", event);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        }
        assertThat(post("/admin/clock", "{\"advance\":\"PT1M\"}").statusCode()).isEqualTo(200);
        JsonNode before = JSON.readTree(get("/profiles/" + customer).body());
        JsonNode health = JSON.readTree(get("/health").body());
        long pending = health.path("components")
                .path("scheduler")
                .path("pendingRescores")
                .asLong();
        assertThat(pending)
                .as("the watched order's 48 hours end: a re-score is due (%s; %s)", health, before)
                .isPositive();

        HttpResponse<String> moved = post("/admin/clock", "{\"advance\":\"P3D\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        JsonNode ran = JSON.readTree(moved.body()).path("ran");
        assertThat(ran.path("rescoresFired").asLong()).as(moved.body()).isPositive();
        assertThat(ran.path("messagesProcessed").asLong())
                .as("each re-score command went through the queue to the score function")
                .isGreaterThanOrEqualTo(ran.path("rescoresFired").asLong());
        JsonNode after = JSON.readTree(get("/profiles/" + customer).body());
        assertThat(after.path("churn").path("segment").asText())
                .as("re-scored after the watch, no interaction (%s, then %s)", before, after)
                .isEqualTo("high");
        assertThat(before.path("churn").path("segment").asText()).isEqualTo("medium");
        assertThat(stack.deadLetters()).isZero();
    }

    @Test
    void aSignedEventBecomesAProfileAndTheClockMovesForward() throws Exception {
        String body = """
        {"specversion":"1.0","id":"it-evt-1","source":"it/test","type":"customer.upserted",
         "subject":"c-it-0001","time":"2026-06-08T06:00:00Z","datacontenttype":"application/json",
         "data":{"segment":"b2c","comune":"015146","locale":"it-IT","consent":{"email":true}}}""";
        HttpResponse<String> posted = postSigned("/events", body);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

        HttpResponse<String> moved = post("/admin/clock", "{\"advance\":\"PT1H\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(Instant.parse(JSON.readTree(moved.body()).path("now").asText()))
                .isAfterOrEqualTo(START.plus(Duration.ofHours(1)));

        HttpResponse<String> profile =
                pollUntil("/profiles/c-it-0001", r -> r.statusCode() == 200, Duration.ofSeconds(30));
        JsonNode json = JSON.readTree(profile.body());
        assertThat(json.path("customerId").asText()).isEqualTo("c-it-0001");
        assertThat(json.path("comune").toString()).contains("015146");
    }

    @Test
    void aDayOfVirtualTimeRunsEachDailyScheduledJobOnce() throws Exception {
        HttpResponse<String> moved = post("/admin/clock", "{\"advance\":\"P1D\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        // the temporal-model refresh, the analytics refresh and the retention sweep
        assertThat(JSON.readTree(moved.body())
                        .path("ran")
                        .path("scheduledJobsRun")
                        .asLong())
                .isEqualTo(3);
        JsonNode schedules = JSON.readTree(get("/health").body())
                .path("components")
                .path("scheduler")
                .path("schedules");
        assertThat(schedules.toString())
                .contains("DailyRefresh")
                .contains("AnalyticsRefresh")
                .contains("DailyRetention");
    }

    @Test
    void anUnsignedEventIsRefused() throws Exception {
        HttpResponse<String> response = post("/events", "{\"specversion\":\"1.0\"}");
        assertThat(response.statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> pollUntil(String path, Predicate<HttpResponse<String>> done, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = get(path);
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no answer to " + path + " within " + timeout + "; last: " + last.statusCode()
                        + " " + last.body());
            }
            Thread.sleep(50);
            last = get(path);
        }
        return last;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postSigned(String path, String body) throws Exception {
        long ts = System.currentTimeMillis();
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .header("content-type", "application/cloudevents+json")
                        .header(AttimoSignatureVerifier.TIMESTAMP_HEADER, Long.toString(ts))
                        .header(AttimoSignatureVerifier.SIGNATURE_HEADER, AttimoSignatureVerifier.sign(SECRET, ts, raw))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(raw))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return stack.baseUrl().resolve(path);
    }
}
