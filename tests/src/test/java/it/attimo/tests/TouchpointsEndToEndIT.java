package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import it.attimo.core.event.CustomerEvent;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.local.cli.QrCommand;
import it.attimo.tests.support.StackApi;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The touchpoint inventory over HTTP: counts, reach and conversion per touchpoint from the events' sources, the silence
 * alert, the unhandled-request alert, and a QR code from `attimo qr` whose scan logs qr.scanned and redirects to the
 * allow-listed target.
 */
class TouchpointsEndToEndIT {
    static final String SECRET = "touchpoints-secret";
    static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");

    private LocalStack stack;
    private StackApi api;
    private Path root;

    @BeforeEach
    void start() {
        root = TemplateConsistency.findProjectRoot(Path.of(""));
        stack = LocalStack.start(StackOptions.inMemory(root, NOW, SECRET));
        api = new StackApi(() -> stack.baseUrl(), SECRET);
    }

    @AfterEach
    void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void touchpointsAreCountedAndSilentOrUnhandledOnesRaiseAlerts() {
        List<CustomerEvent> events = List.of(
                event("e1", "web/chatbot", "support.requested", "tp-1", NOW.minus(Duration.ofHours(30))),
                event("e2", "crm", "task.closed", "tp-1", NOW.minus(Duration.ofHours(20))),
                event("e3", "web/chatbot", "support.requested", "tp-2", NOW.minus(Duration.ofHours(28))),
                event("e4", "web/chatbot", "support.requested", "tp-3", NOW.minus(Duration.ofHours(2))),
                event("e5", "web/landing/caldaie", "portal.accessed", "tp-4", NOW.minus(Duration.ofDays(2))),
                new CustomerEvent(
                        "e6", "shop", "order.placed", "tp-4", NOW.minus(Duration.ofDays(1)), Map.of("orderId", "o-6")),
                event("e7", "web/landing/caldaie", "portal.accessed", "tp-5", NOW.minus(Duration.ofDays(3))));
        StackApi.Reply posted = api.postEvents(events);
        assertThat(posted.status()).isEqualTo(202);
        assertThat(posted.body().path("rejected").asInt()).as(posted.raw()).isZero();
        api.clockAdvance("PT0S");

        JsonNode report = api.get("/touchpoints").body();
        assertThat(report.path("to").asText()).isEqualTo(NOW.toString());
        JsonNode chatbot = touchpoint(report, "chatbot-sito");
        assertThat(chatbot.path("events").asInt()).isEqualTo(3);
        assertThat(chatbot.path("customersReached").asInt()).isEqualTo(3);
        assertThat(chatbot.path("requests").asInt()).isEqualTo(3);
        // tp-1 was handled, tp-3's 24 h are not over yet: only tp-2 is unhandled
        assertThat(chatbot.path("unhandled").asInt()).isEqualTo(1);
        assertThat(chatbot.path("alerts"))
                .extracting(a -> a.path("type").asText())
                .containsExactly("unhandled");
        assertThat(chatbot.path("owner").asText()).isEqualTo("customer-service");

        JsonNode landing = touchpoint(report, "landing-caldaie");
        assertThat(landing.path("customersReached").asInt()).isEqualTo(2);
        assertThat(landing.path("conversions").asInt()).isEqualTo(1);
        assertThat(landing.path("conversionRate").asDouble()).isEqualTo(0.5);
        assertThat(landing.path("status").asText()).isEqualTo("ok");

        JsonNode whatsapp = touchpoint(report, "whatsapp-assistenza");
        assertThat(whatsapp.path("events").asInt()).isZero();
        assertThat(whatsapp.path("alerts"))
                .extracting(a -> a.path("type").asText())
                .containsExactly("silent");
        assertThat(report.path("alerts").asInt()).isGreaterThanOrEqualTo(2);

        // the chatbot falls silent after a day without events
        api.clockAdvance("PT26H");
        JsonNode later = api.get("/touchpoints").body();
        assertThat(touchpoint(later, "chatbot-sito").path("alerts"))
                .extracting(a -> a.path("type").asText())
                .contains("silent", "unhandled");
        assertThat(api.get("/touchpoints?from=nonsense").status()).isEqualTo(400);
    }

    @Test
    void aQrCodeFromTheCliLogsItsScanAndRedirectsToItsTarget(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("brochure.png");
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new QrCommand())
                .setOut(new PrintWriter(out))
                .execute(
                        "--touchpoint",
                        "brochure-fiera",
                        "--out",
                        png.toString(),
                        "--base-url",
                        stack.baseUrl().toString(),
                        "--touchpoints",
                        root.resolve("touchpoints.json").toString());
        assertThat(exit).as(out.toString()).isZero();
        String url = decode(Files.readAllBytes(png));
        assertThat(url).isEqualTo(stack.baseUrl().toString().replaceAll("/$", "") + "/q/brochure-fiera-2026");

        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> scan = http.send(
                HttpRequest.newBuilder(java.net.URI.create(url + "?c=tp-qr")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scan.statusCode()).isEqualTo(302);
        assertThat(scan.headers().firstValue("location"))
                .hasValue("https://www.example.it/caldaie?utm_source=brochure");
        HttpResponse<String> unknown = http.send(
                HttpRequest.newBuilder(stack.baseUrl().resolve("/q/nope-nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);

        api.clockAdvance("PT0S");
        JsonNode brochure = touchpoint(api.get("/touchpoints").body(), "brochure-fiera");
        assertThat(brochure.path("events").asInt()).isEqualTo(1);
        assertThat(brochure.path("customersReached").asInt()).isEqualTo(1);
        assertThat(brochure.path("alerts")).isEmpty();
        JsonNode profile = api.get("/profiles/tp-qr").body();
        assertThat(profile.path("eventCounts").path("qr.scanned").asInt()).isEqualTo(1);

        StringWriter err = new StringWriter();
        int bad = new CommandLine(new QrCommand())
                .setErr(new PrintWriter(err))
                .setOut(new PrintWriter(new StringWriter()))
                .execute(
                        "--touchpoint",
                        "newsletter",
                        "--out",
                        dir.resolve("x.png").toString(),
                        "--touchpoints",
                        root.resolve("touchpoints.json").toString());
        assertThat(bad).isNotZero();
    }

    @Test
    void anEmbeddedFormIsServedAndItsSubmissionsAreGuarded() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> script = http.send(
                HttpRequest.newBuilder(stack.baseUrl().resolve("/forms/preferenze.js"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("content-type").orElse("")).startsWith("application/javascript");
        assertThat(script.body())
                .contains(
                        "\"formId\":\"preferenze\"",
                        "/forms/preferenze",
                        "pf_preferenze_2026",
                        "text/plain",
                        "Desidero ricevere la newsletter");
        assertThat(http.send(
                                HttpRequest.newBuilder(stack.baseUrl().resolve("/forms/nope.js"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);

        String good = "{\"key\":\"pf_preferenze_2026\",\"customerId\":\"tp-form\",\"nome\":\"Anna\","
                + "\"email\":\"anna@example.invalid\",\"interesse\":\"caldaie\",\"newsletter\":\"true\"}";
        HttpResponse<String> elsewhere = submit(http, "https://evil.example", good);
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.headers().firstValue("access-control-allow-origin"))
                .isEmpty();
        assertThat(submit(http, "https://www.example.it", good.replace("pf_preferenze_2026", "guess"))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> missing = submit(http, "https://www.example.it", "{\"key\":\"pf_preferenze_2026\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("nome is required", "email is required");
        HttpResponse<String> accepted = submit(http, "https://www.example.it", good);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("access-control-allow-origin")).hasValue("https://www.example.it");
        // 5 a minute per client: two counted above (missing fields, accepted) after the origin and key checks
        for (int i = 0; i < 3; i++)
            assertThat(submit(http, "https://www.example.it", good).statusCode())
                    .isEqualTo(202);
        assertThat(submit(http, "https://www.example.it", good).statusCode()).isEqualTo(429);

        api.clockAdvance("PT0S");
        JsonNode profile = api.get("/profiles/tp-form").body();
        assertThat(profile.path("eventCounts").path("preferences.updated").asInt())
                .isEqualTo(4);
        assertThat(touchpoint(api.get("/touchpoints").body(), "form-preferenze")
                        .path("events")
                        .asInt())
                .isEqualTo(4);
    }

    private HttpResponse<String> submit(HttpClient http, String origin, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(stack.baseUrl().resolve("/forms/preferenze"))
                        .header("Origin", origin)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        return new QRCodeReader()
                .decode(new BinaryBitmap(new HybridBinarizer(source)))
                .getText();
    }

    private static JsonNode touchpoint(JsonNode report, String id) {
        for (JsonNode t : report.path("touchpoints")) {
            if (t.path("id").asText().equals(id)) return t;
        }
        throw new AssertionError("no touchpoint " + id + " in " + report);
    }

    private static CustomerEvent event(String id, String source, String type, String customer, Instant at) {
        return new CustomerEvent(id, source, type, customer, at, Map.of());
    }
}
