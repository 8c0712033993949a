package it.attimo.local;

import it.attimo.core.ingest.AttimoSignatureVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** CloudEvents for the local stack's integration tests, and {@code POST /events} signed as a producer signs it. */
final class SignedEvents {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SignedEvents() {}

    /** A structured CloudEvent; {@code data} is JSON. */
    static String cloudEvent(String id, String type, String subject, Instant time, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"it/local\",\"type\":\"" + type
                + "\",\"subject\":\"" + subject + "\",\"time\":\"" + time + "\",\"data\":" + data + "}";
    }

    /** One event, {@code application/cloudevents+json}. */
    static HttpResponse<String> postEvent(URI base, String secret, String event) throws Exception {
        return post(base, secret, "application/cloudevents+json", event.getBytes(StandardCharsets.UTF_8));
    }

    /** A batch, {@code application/cloudevents-batch+json}. */
    static HttpResponse<String> postBatch(URI base, String secret, List<String> events) throws Exception {
        byte[] raw = ("[" + String.join(",", events) + "]").getBytes(StandardCharsets.UTF_8);
        return post(base, secret, "application/cloudevents-batch+json", raw);
    }

    /** Any body, signed with {@code secret} over the raw bytes at the current wall-clock time. */
    static HttpResponse<String> post(URI base, String secret, String contentType, byte[] raw) throws Exception {
        long ts = System.currentTimeMillis();
        return HTTP.send(
                HttpRequest.newBuilder(base.resolve("/events"))
                        .header("content-type", contentType)
                        .header(AttimoSignatureVerifier.TIMESTAMP_HEADER, Long.toString(ts))
                        .header(AttimoSignatureVerifier.SIGNATURE_HEADER, AttimoSignatureVerifier.sign(secret, ts, raw))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(raw))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
