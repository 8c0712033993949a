package it.attimo.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.EventLog;
import it.attimo.local.cli.AttimoCli;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of {@code attimo serve --data} right after it answered 202 to a burst of events: a new stack on the
 * same directory processes every accepted event exactly once. The server runs in a child JVM so that the kill is a
 * real SIGKILL (no shutdown hook, no drain), with no queue workers, so that every accepted event is still queued when
 * it dies however fast scoring is (kills in the middle of scoring and dispatch are the chaos harness's).
 */
class KillNineIT {
    private static final String SECRET = "kill-nine-secret";
    private static final Instant START = Instant.parse("2026-06-08T06:00:00Z");
    private static final Pattern SERVING = Pattern.compile("Attimo is serving on (http://127\\.0\\.0\\.1:\\d+)");
    private static final int CUSTOMERS = 60;
    private static final int EVENTS_PER_CUSTOMER = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void everyEventAnswered202SurvivesASigkillAndIsProcessedExactlyOnce() throws Exception {
        Map<String, List<String>> accepted = new LinkedHashMap<>();
        Process server = startServer();
        try {
            URI base = awaitServing(server);
            for (int c = 0; c < CUSTOMERS; c++) {
                String customer = "c-kill-" + c;
                List<String> bodies = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                bodies.add(event(customer + "-u", "customer.upserted", customer, START, "{\"segment\":\"b2c\"}"));
                ids.add(customer + "-u");
                for (int e = 1; e < EVENTS_PER_CUSTOMER; e++) {
                    String id = customer + "-p" + e;
                    bodies.add(
                            event(id, "portal.accessed", customer, START.plusSeconds(60L * e), "{\"page\":\"/home\"}"));
                    ids.add(id);
                }
                postBatch(base, bodies);
                accepted.put(customer, ids);
            }
        } finally {
            // SIGKILL: nothing of the server's own shutdown runs
            server.destroyForcibly();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        StackOptions options =
                StackOptions.inMemory(LocalStackIT.projectHome(), START, SECRET).withDataDir(data);
        try (LocalStack restarted = LocalStack.start(options)) {
            restarted.advanceTo(restarted.now().plus(Duration.ofMinutes(30)));
            assertThat(restarted.messagesProcessed())
                    .as("the restarted stack scored every event the killed one accepted (and any re-score they set)")
                    .isGreaterThanOrEqualTo((long) CUSTOMERS * EVENTS_PER_CUSTOMER);
            EventLog log = restarted.context().getBean(EventLog.class);
            for (Map.Entry<String, List<String>> customer : accepted.entrySet()) {
                List<String> logged = log.history(customer.getKey()).stream()
                        .map(CustomerEvent::id)
                        .toList();
                assertThat(logged)
                        .as("event log of %s", customer.getKey())
                        .containsExactlyInAnyOrderElementsOf(customer.getValue());
            }
            assertThat(restarted.deadLetters()).isZero();
            assertThat(restarted.quarantine(10)).isEmpty();
        }
    }

    private Process startServer() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                AttimoCli.class.getName(),
                "serve",
                "--data",
                data.toString(),
                "--port",
                "0",
                "--clock",
                "manual",
                "--start",
                START.toString(),
                "--webhook-secret",
                SECRET,
                "--hubspot-secret",
                "unused",
                "--workers",
                "0");
        Files.createDirectories(data);
        return new ProcessBuilder(command)
                .directory(LocalStackIT.projectHome().toFile())
                .redirectErrorStream(true)
                .start();
    }

    /** Reads the child's output until it says where it serves; keeps draining it afterwards. */
    private static URI awaitServing(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> serving = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try {
                        for (String line; (line = out.readLine()) != null; ) {
                            Matcher m = SERVING.matcher(line);
                            if (m.find()) serving.complete(URI.create(m.group(1)));
                        }
                        serving.completeExceptionally(new IllegalStateException("the server ended before serving"));
                    } catch (Exception e) {
                        serving.completeExceptionally(e);
                    }
                },
                "kill-nine-server-output");
        reader.setDaemon(true);
        reader.start();
        return serving.get(180, TimeUnit.SECONDS);
    }

    private static String event(String id, String type, String customer, Instant time, String data) {
        return SignedEvents.cloudEvent(id, type, customer, time, data);
    }

    private static void postBatch(URI base, List<String> events) throws Exception {
        HttpResponse<String> response = SignedEvents.postBatch(base, SECRET, events);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.path("accepted").asInt()).as(response.body()).isEqualTo(events.size());
    }
}
