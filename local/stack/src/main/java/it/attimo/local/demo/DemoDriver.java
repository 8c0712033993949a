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
 * events go out as CloudEvents batches (a customer's events together and in order), then {@code POST /admin/clock}
 * moves the clock to the end of the hour, which runs everything that falls due.
 */
final class DemoDriver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int EVENTS_PER_REQUEST = 25;

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
    final AtomicLong postingNanos = new AtomicLong();
    final AtomicLong clockNanos = new AtomicLong();
    final AtomicLong reactionNanos = new AtomicLong();

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
            for (List<List<DemoEvent>> chunk : chunks(byCustomer.values())) {
                tasks.add(() -> {
                    deliver(chunk);
                    return null;
                });
            }
            long postingBegan = System.nanoTime();
            for (Future<Void> done : senders.invokeAll(tasks)) {
                try {
                    done.get();
                } catch (ExecutionException e) {
                    transportErrors.incrementAndGet();
                }
            }
            long clockBegan = System.nanoTime();
            postingNanos.addAndGet(clockBegan - postingBegan);
            moveClock(hourEnd);
            long reactionsBegan = System.nanoTime();
            clockNanos.addAndGet(reactionsBegan - clockBegan);
            List<DemoEvent> answers = reactions.apply(hourEnd);
            reactionNanos.addAndGet(System.nanoTime() - reactionsBegan);
            if (!answers.isEmpty()) {
                events.addAll(answers);
                events.subList(next, events.size()).sort(java.util.Comparator.comparing(DemoEvent::at));
            }
            progress.step(hourEnd + "  " + eventsSent.get() + " events");
        }
    }

    /**
     * Whole customers' hours, {@value #EVENTS_PER_REQUEST} events or so per chunk: a customer's events stay together
     * and in order inside one batch, as a shop's outbox relay would send them.
     */
    private static List<List<List<DemoEvent>>> chunks(java.util.Collection<List<DemoEvent>> customers) {
        List<List<List<DemoEvent>>> out = new ArrayList<>();
        List<List<DemoEvent>> current = new ArrayList<>();
        int size = 0;
        for (List<DemoEvent> customer : customers) {
            current.add(customer);
            size += customer.size();
            if (size >= EVENTS_PER_REQUEST) {
                out.add(current);
                current = new ArrayList<>();
                size = 0;
            }
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }

    /**
     * One batch request for the chunk (with each malformed companion beside its event, which the ingest must reject
     * alone), then each duplicate delivery again on its own, as an at-least-once client retries.
     */
    private void deliver(List<List<DemoEvent>> chunk) {
        com.fasterxml.jackson.databind.node.ArrayNode batch = JSON.createArrayNode();
        List<DemoEvent> twice = new ArrayList<>();
        for (List<DemoEvent> customer : chunk) {
            for (DemoEvent e : customer) {
                batch.add(e.cloudEvent());
                if (e.malformed() != null) {
                    batch.add(e.malformed());
                    malformedSent.incrementAndGet();
                }
                eventsSent.incrementAndGet();
                if (e.deliveredTwice()) twice.add(e);
            }
        }
        send(batch.toString(), "application/cloudevents-batch+json");
        for (DemoEvent e : twice) {
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

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
