package it.attimo.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import it.attimo.core.event.CloudEventJson;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.ingest.AttimoSignatureVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Talks to a running local stack the way a client does: over HTTP, with signed requests. */
public final class StackApi {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<URI> baseUrl;
    private final String secret;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param baseUrl where the stack listens now (it changes when a test restarts the stack) */
    public StackApi(Supplier<URI> baseUrl, String secret) {
        this.baseUrl = baseUrl;
        this.secret = secret;
    }

    public record Reply(int status, JsonNode body, String raw) {}

    /** Posts CloudEvents as a signed batch; the timestamp comes from the wall clock, as security demands. */
    public Reply postEvents(List<CustomerEvent> events) {
        ArrayNode batch = JSON.createArrayNode();
        events.forEach(e -> batch.add(CloudEventJson.toNode(e)));
        return postSigned("/events", "application/cloudevents-batch+json", batch.toString());
    }

    public Reply postSigned(String path, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long ts = System.currentTimeMillis();
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .header(AttimoSignatureVerifier.TIMESTAMP_HEADER, Long.toString(ts))
                .header(AttimoSignatureVerifier.SIGNATURE_HEADER, AttimoSignatureVerifier.sign(secret, ts, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
    }

    /** A body-less call signed over {@code timestamp + "." + method + " " + path} (the personal-data routes). */
    public Reply signedCall(String method, String path) {
        long ts = System.currentTimeMillis();
        return call(
                method,
                path,
                AttimoSignatureVerifier.TIMESTAMP_HEADER,
                Long.toString(ts),
                AttimoSignatureVerifier.SIGNATURE_HEADER,
                AttimoSignatureVerifier.signRequest(secret, ts, method, path.replaceFirst("\\?.*", "")));
    }

    /** A body-less call with these headers (name, value, name, value…). */
    public Reply call(String method, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return send(b.build());
    }

    public Reply post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return send(b.build());
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** Sets the virtual clock; the stack runs everything that falls due before answering. */
    public Reply clockSet(Instant at) {
        return post("/admin/clock", "application/json", "{\"set\":\"" + at + "\"}");
    }

    public Reply clockAdvance(String isoDuration) {
        return post("/admin/clock", "application/json", "{\"advance\":\"" + isoDuration + "\"}");
    }

    public List<JsonNode> outbox(String customerId) {
        Reply r = get("/outbox?customerId=" + customerId);
        if (r.status() != 200) throw new AssertionError("GET /outbox: " + r.status() + " " + r.raw());
        List<JsonNode> out = new ArrayList<>();
        r.body().forEach(out::add);
        return out;
    }

    private URI uri(String path) {
        return baseUrl.get().resolve(path);
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isBlank()
                            || !r.headers()
                                    .firstValue("Content-Type")
                                    .orElse("application/json")
                                    .contains("json")
                    ? null
                    : JSON.readTree(r.body());
            return new Reply(r.statusCode(), body, r.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
