package it.attimo.aws.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A small HubSpot CRM v3 client on the JDK HttpClient: Bearer token (a private-app access token), JSON in and out.
 * Retries 429 after the {@code Retry-After} seconds HubSpot sends (or the backoff when it sends none) and 5xx / I/O
 * failures with exponential backoff; any other 4xx fails at once with {@link HubSpotApiException}.
 */
public final class HubSpotClient {
    private static final Logger LOG = Logger.getLogger(HubSpotClient.class.getName());
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.hubapi.com");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final Supplier<String> accessToken;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration requestTimeout;

    public HubSpotClient(
            URI baseUrl,
            Supplier<String> accessToken,
            HttpClient http,
            Sleeper sleeper,
            int maxAttempts,
            Duration backoff,
            Duration requestTimeout) {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.http = Objects.requireNonNull(http, "http");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.requestTimeout = requestTimeout;
    }

    /** 4 attempts, 500 ms doubling backoff, 10 s per request. */
    public static HubSpotClient create(URI baseUrl, Supplier<String> accessToken, Sleeper sleeper) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new HubSpotClient(
                baseUrl, accessToken, http, sleeper, 4, Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    public JsonNode patch(String path, ObjectNode body) {
        return send("PATCH", path, body);
    }

    public JsonNode post(String path, ObjectNode body) {
        return send("POST", path, body);
    }

    private JsonNode send(String method, String path, ObjectNode body) {
        String operation = method + " " + path;
        byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            int status = -1;
            String category = null;
            IOException failure = null;
            try {
                HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path))
                        .timeout(requestTimeout)
                        .header("Authorization", "Bearer " + accessToken.get())
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(payload))
                        .build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                if (status >= 200 && status < 300) return parse(response.body());
                category = parse(response.body()).path("category").asText(null);
                if (status != 429 && status < 500) throw new HubSpotApiException(operation, status, category, null);
                wait = status == 429 ? retryAfter(response).orElse(backoff(attempt)) : backoff(attempt);
            } catch (IOException e) {
                failure = e;
                wait = backoff(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HubSpotApiException(operation, -1, "INTERRUPTED", e);
            }
            if (attempt >= maxAttempts) throw new HubSpotApiException(operation, status, category, failure);
            int failedStatus = status;
            Duration pause = wait;
            LOG.info(() -> operation + " answered " + (failedStatus < 0 ? "nothing" : failedStatus) + "; retrying in "
                    + pause);
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HubSpotApiException(operation, status, "INTERRUPTED", e);
            }
        }
    }

    private Duration backoff(int attempt) {
        return backoff.multipliedBy(1L << Math.min(attempt - 1, 10));
    }

    private static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                long seconds = Long.parseLong(v.trim());
                return seconds >= 0 ? java.util.Optional.of(Duration.ofSeconds(seconds)) : java.util.Optional.empty();
            } catch (NumberFormatException e) {
                return java.util.Optional.empty(); // an HTTP date: fall back to the backoff
            }
        });
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) return JSON.createObjectNode();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
