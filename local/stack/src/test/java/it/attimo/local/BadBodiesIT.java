package it.attimo.local;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static HttpResponse<String> post(byte[] raw) throws Exception {
        return SignedEvents.post(stack.baseUrl(), SECRET, "application/cloudevents+json", raw);
    }
}
