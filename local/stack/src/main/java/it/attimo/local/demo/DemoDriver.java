package it.attimo.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.attimo.core.ingest.AttimoSignatureVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the demo's events through the real HTTP endpoints, signed as clients must, hour by virtual hour: each hour's
 * events go out (one task per customer, so each customer's events keep their order), then {@code POST /admin/clock}
 * moves the clock to the end of the hour, which runs everything that falls due.
 */
final class DemoDriver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String secret;
    private final HttpClient http;
    private final ExecutorService senders;

    final AtomicLong requests = new AtomicLong();
    final AtomicLong eventsSent = new AtomicLong();
    final AtomicLong duplicatesSent = new AtomicLong();
    final AtomicLong malformedSent = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong duplicatesInBatch = new AtomicLong();
    final AtomicLong ignored = new AtomicLong();
    final AtomicLong transportErrors = new AtomicLong();
    final Map<Integer, AtomicLong> statusCodes = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();

    DemoDriver(URI base, String secret, int threads) {
        this.base = base;
        this.secret = secret;
        this.senders = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "attimo-demo-client");
            t.setDaemon(true);
            return t;
        });
        // its own executor: blocking senders must not starve the client's internal tasks
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Sends every event, advancing the clock hour by hour from {@code start} to {@code end}. */
    void run(List<DemoEvent> events, Instant start, Instant end, DemoProgress progress) throws InterruptedException {
        run(events, start, end, progress, hourEnd -> List.of());
    }

    /**
     * As {@link #run(List, Instant, Instant, DemoProgress)}, and after each hour asks {@code reactions} for the events
     * customers send in answer to what reached them (sent from the next hour on).
     */
    void run(
            List<DemoEvent> scheduled,
            Instant start,
            Instant end,
            DemoProgress progress,
            java.util.function.Function<Instant, List<DemoEvent>> reactions)
            throws InterruptedException {
        List<DemoEvent> events = new ArrayList<>(scheduled);
        int next = 0;
        for (Instant hour = start; hour.isBefore(end); hour = hour.plus(Duration.ofHours(1))) {
            Instant hourEnd = hour.plus(Duration.ofHours(1)).isAfter(end) ? end : hour.plus(Duration.ofHours(1));
            Map<String, List<DemoEvent>> byCustomer = new LinkedHashMap<>();
            while (next < events.size() && events.get(next).at().isBefore(hourEnd)) {
                DemoEvent e = events.get(next++);
                byCustomer
                        .computeIfAbsent(e.customerId(), k -> new ArrayList<>())
                        .add(e);
            }
            List<Callable<Void>> tasks = new ArrayList<>();
            for (List<DemoEvent> customerEvents : byCustomer.values()) {
                tasks.add(() -> {
                    for (DemoEvent e : customerEvents) {
                        deliver(e);
                    }
                    return null;
                });
            }
            for (Future<Void> done : senders.invokeAll(tasks)) {
                try {
                    done.get();
                } catch (ExecutionException e) {
                    transportErrors.incrementAndGet();
                }
            }
            moveClock(hourEnd);
            List<DemoEvent> answers = reactions.apply(hourEnd);
            if (!answers.isEmpty()) {
                events.addAll(answers);
                events.subList(next, events.size()).sort(java.util.Comparator.comparing(DemoEvent::at));
            }
            progress.step(hourEnd + "  " + eventsSent.get() + " events");
        }
    }

    private void deliver(DemoEvent e) {
        if (e.malformed() != null) {
            String batch = JSON.createArrayNode()
                    .add(e.cloudEvent())
                    .add(e.malformed())
                    .toString();
            malformedSent.incrementAndGet();
            send(batch, "application/cloudevents-batch+json");
        } else {
            send(e.cloudEvent().toString(), "application/cloudevents+json");
        }
        eventsSent.incrementAndGet();
        if (e.deliveredTwice()) {
            send(e.cloudEvent().toString(), "application/cloudevents+json");
            duplicatesSent.incrementAndGet();
        }
    }

    private void send(String body, String contentType) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        long timestamp = System.currentTimeMillis();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/events"))
                .header("content-type", contentType)
                .header(AttimoSignatureVerifier.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(AttimoSignatureVerifier.SIGNATURE_HEADER, AttimoSignatureVerifier.sign(secret, timestamp, raw))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw))
                .build();
        long began = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            transportErrors.incrementAndGet();
            return;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
        }
        latenciesMicros.add((System.nanoTime() - began) / 1_000);
        requests.incrementAndGet();
        statusCodes
                .computeIfAbsent(response.statusCode(), k -> new AtomicLong())
                .incrementAndGet();
        try {
            JsonNode results = JSON.readTree(response.body()).path("results");
            for (JsonNode r : results) {
                switch (r.path("status").asText()) {
                    case "accepted" -> accepted.incrementAndGet();
                    case "rejected" -> rejected.incrementAndGet();
                    case "duplicate" -> duplicatesInBatch.incrementAndGet();
                    case "ignored" -> ignored.incrementAndGet();
                    default -> {}
                }
            }
        } catch (IOException notJson) {
            // counted by status code
        }
    }

    void moveClock(Instant to) {
        String body = JSON.createObjectNode().put("set", to.toString()).toString();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/admin/clock"))
                .header("content-type", "application/json")
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "POST /admin/clock answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("POST /admin/clock failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    JsonNode getJson(String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofMinutes(2))
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** GETs many paths in parallel (answers null for a failed one). */
    List<JsonNode> getAll(List<String> paths) throws InterruptedException {
        List<Callable<JsonNode>> tasks = new ArrayList<>();
        for (String path : paths) {
            tasks.add(() -> getJson(path));
        }
        List<JsonNode> out = new ArrayList<>();
        for (Future<JsonNode> f : senders.invokeAll(tasks)) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                out.add(null);
            }
        }
        return out;
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
