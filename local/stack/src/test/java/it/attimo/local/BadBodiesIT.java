package it.attimo.local;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.ingest.HubSpotSignatureVerifier;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Correctly signed but unusable bodies on POST /events: a precise 400 each, and the server goes on serving. */
class BadBodiesIT {
    private static final String SECRET = "bad-bodies-secret";
    private static final Instant START = Instant.parse("2026-06-08T06:00:00Z");
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(StackOptions.inMemory(LocalStackIT.projectHome(), START, SECRET));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void eachBadBodyIsA400NamingTheProblemAndTheServerStaysUp() throws Exception {
        Map<String, String> bodies = Map.of(
                "[".repeat(5000) + "]".repeat(5000),
                "Depth",
                "{\"specversion\":\"1.0\",\"id\":\"a\",\"id\":\"b\"}",
                "Duplicate field 'id'",
                "{\"specversion\":\"1.0\",\"data\":{\"n\":1e400}}",
                "out of range",
                "{\"specversion\":\"1.0\",\"data\":{\"n\":NaN}}",
                "NaN",
                "{\"specversion\":\"1.0\",\"id\":\"abc",
                "not valid JSON",
                "",
                "");
        for (Map.Entry<String, String> bad : bodies.entrySet()) {
            HttpResponse<String> response = post(bad.getKey().getBytes(StandardCharsets.UTF_8));
            String label = bad.getKey().substring(0, Math.min(40, bad.getKey().length()));
            assertThat(response.statusCode())
                    .as(label + " -> " + response.body())
                    .isEqualTo(400);
            assertThat(response.body()).as(label).contains(bad.getValue());
        }
        HttpResponse<String> invalidUtf8 =
                post(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        assertThat(invalidUtf8.statusCode()).as(invalidUtf8.body()).isEqualTo(400);

        String good = SignedEvents.cloudEvent("fine-1", "portal.accessed", "c-bad-1", START, "{}");
        assertThat(post(good.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(202);
    }

    /** The named kinds of bad input, each a body that must be a precise 400 wherever a route reads JSON. */
    static Map<String, byte[]> namedBadBodies() {
        Map<String, byte[]> bodies = new java.util.LinkedHashMap<>();
        bodies.put("deep nesting", ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8));
        bodies.put("invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bodies.put("duplicate keys", "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8));
        bodies.put("1e400", "{\"a\":1e400}".getBytes(StandardCharsets.UTF_8));
        bodies.put("NaN", "{\"a\":NaN}".getBytes(StandardCharsets.UTF_8));
        bodies.put("stops mid-string", "{\"a\":\"abc".getBytes(StandardCharsets.UTF_8));
        bodies.put("wrong top-level type", "\"just a string\"".getBytes(StandardCharsets.UTF_8));
        bodies.put("empty", new byte[0]);
        return bodies;
    }

    @Test
    void theWebhookAndTheAdminRoutesAnswerEachNamedBadBodyWithA400() throws Exception {
        String hubspotUrl = stack.baseUrl().resolve("/webhooks/hubspot").toString();
        for (Map.Entry<String, byte[]> bad : namedBadBodies().entrySet()) {
            byte[] body = bad.getValue();
            long ts = System.currentTimeMillis();
            RawHttp.Answer hubspot = RawHttp.send(
                    stack.baseUrl(),
                    "POST",
                    "/webhooks/hubspot",
                    Map.of(
                            "Content-Type",
                            "application/json",
                            HubSpotSignatureVerifier.V3_TIMESTAMP,
                            Long.toString(ts),
                            HubSpotSignatureVerifier.V3_HEADER,
                            HubSpotSignatureVerifier.signV3("local-hubspot-secret", "POST", hubspotUrl, body, ts)),
                    body);
            assertThat(hubspot.status())
                    .as("hubspot, " + bad.getKey() + " -> " + hubspot.body())
                    .isEqualTo(400);
            assertThat(hubspot.body()).as(bad.getKey()).contains("\"error\"");

            RawHttp.Answer clock = RawHttp.send(
                    stack.baseUrl(), "POST", "/admin/clock", Map.of("Content-Type", "application/json"), body);
            assertThat(clock.status())
                    .as("clock, " + bad.getKey() + " -> " + clock.body())
                    .isEqualTo(400);

            if (body.length > 0) {
                RawHttp.Answer redrive = RawHttp.send(
                        stack.baseUrl(),
                        "POST",
                        "/admin/dlq/redrive",
                        Map.of("Content-Type", "application/json"),
                        body);
                assertThat(redrive.status())
                        .as("redrive, " + bad.getKey() + " -> " + redrive.body())
                        .isEqualTo(400);
            }
        }
        RawHttp.Answer sameKeyTwice = RawHttp.send(
                stack.baseUrl(),
                "POST",
                "/admin/clock",
                Map.of(),
                "{\"advance\":\"PT1H\",\"advance\":\"PT2H\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(sameKeyTwice.body()).contains("Duplicate field 'advance'");
        RawHttp.Answer tooFar = RawHttp.send(
                stack.baseUrl(),
                "POST",
                "/admin/clock",
                Map.of(),
                "{\"advance\":\"P400D\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(tooFar.status()).as(tooFar.body()).isEqualTo(400);
        assertThat(tooFar.body()).contains("at most 366 days");
    }

    @Test
    void hugeHeadersAreA4xxOnEveryRouteAndTheServerStaysUp() throws Exception {
        byte[] good = SignedEvents.cloudEvent("huge-h-1", "portal.accessed", "c-huge-1", START, "{}")
                .getBytes(StandardCharsets.UTF_8);
        for (String route : java.util.List.of("/events", "/webhooks/hubspot", "/profiles/c-huge-1", "/admin/clock")) {
            String method = route.startsWith("/profiles") ? "GET" : "POST";
            Map<String, String> oneHuge = Map.of("X-Padding", "a".repeat(64 * 1024));
            RawHttp.Answer huge = RawHttp.send(stack.baseUrl(), method, route, oneHuge, good);
            assertThat(huge.status())
                    .as(route + " one 64 KiB header -> " + huge.body())
                    .isBetween(400, 499);

            Map<String, String> many = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 300; i++) many.put("X-H" + i, "v".repeat(100));
            RawHttp.Answer lots = RawHttp.send(stack.baseUrl(), method, route, many, good);
            assertThat(lots.status())
                    .as(route + " 300 headers -> " + lots.body())
                    .isBetween(400, 499);

            RawHttp.Answer megabyte =
                    RawHttp.send(stack.baseUrl(), method, route, Map.of("X-Padding", "b".repeat(1024 * 1024)), good);
            assertThat(megabyte.status())
                    .as(route + " one 1 MiB header -> " + megabyte.body())
                    .isBetween(400, 499);
        }
        assertThat(RawHttp.send(stack.baseUrl(), "GET", "/health", Map.of(), new byte[0])
                        .status())
                .isEqualTo(200);
        assertThat(post(good).statusCode()).isEqualTo(202);
    }

    private static HttpResponse<String> post(byte[] raw) throws Exception {
        return SignedEvents.post(stack.baseUrl(), SECRET, "application/cloudevents+json", raw);
    }
}
