package it.attimo.tests;

import static it.attimo.tests.support.CustomerFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import it.attimo.core.event.CustomerEvent;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.tests.support.StackApi;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Messages that do their job, end to end over HTTP on the embedded stack: after an {@code order.delivered} and 73
 * hours of virtual time, {@code GET /outbox} shows each post-purchase message as the customer reads it (subject, text,
 * links, tone) in the register of the customer's area, greeting by first name, with no e-mail address or phone number
 * outside the text; {@code GET /qr/support.png} is a real QR code of the support page.
 */
class PostPurchaseMessagesIT {
    private static final String SECRET = "messages-it-secret";
    /** Wednesday 3 June 2026, 11:00 in Italy: an ordinary working day. */
    private static final Instant DELIVERED = Instant.parse("2026-06-03T09:00:00Z");

    private static LocalStack stack;
    private static StackApi api;

    @BeforeAll
    static void start() {
        Path root = TemplateConsistency.findProjectRoot(Path.of(""));
        stack = LocalStack.start(StackOptions.inMemory(root, DELIVERED.minus(Duration.ofMinutes(5)), SECRET));
        api = new StackApi(() -> stack.baseUrl(), SECRET);
        StackApi.Reply reply = api.postEvents(List.of(
                upsert("msg-milano", "015146", "Giulia"),
                upsert("msg-palermo", "082053", "Salvo"),
                upsert("msg-napoli-nameless", "063049", null),
                delivered("msg-milano", "ORD-MI-1"),
                delivered("msg-palermo", "ORD-PA-1"),
                delivered("msg-napoli-nameless", "ORD-NA-1")));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
        assertThat(reply.body().path("rejected").asInt()).as(reply.raw()).isZero();
        StackApi.Reply moved = api.clockSet(DELIVERED.plus(Duration.ofHours(73)));
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void aMilanConsumerReadsFormalMessagesThatGreetHerByName() {
        List<JsonNode> messages = postPurchase("msg-milano");
        for (JsonNode m : messages) {
            assertThat(m.path("tone").asText()).isEqualTo("formale");
            assertThat(m.path("subject").asText()).as(m.toString()).isNotBlank();
            assertThat(m.path("text").asText()).startsWith("Buongiorno Giulia,").contains("Cordiali saluti");
            assertThat(m.path("links").size()).as(m.toString()).isPositive();
        }
        JsonNode welcome = step(messages, "welcome");
        assertThat(welcome.path("subject").asText()).isEqualTo("Il Suo ordine è arrivato: ecco come iniziare");
        JsonNode links = welcome.path("links");
        assertThat(links.path("video").asText()).contains("/contenuti/video/");
        assertThat(links.path("guide").asText()).contains("/contenuti/guide/");
        assertThat(links.path("support").asText()).contains("/assistenza");
        assertThat(links.path("qr").asText()).endsWith("/qr/support.png");
        assertThat(welcome.path("text").asText()).contains(links.path("video").asText());
        assertThat(step(messages, "survey").path("links").path("survey").asText())
                .contains("/sondaggi/");
    }

    @Test
    void aPalermoConsumerReadsInformalMessagesAndANamelessOneStillGetsAGreeting() {
        for (JsonNode m : postPurchase("msg-palermo")) {
            assertThat(m.path("tone").asText()).isEqualTo("informale");
            assertThat(m.path("text").asText()).startsWith("Ciao Salvo,");
        }
        for (JsonNode m : postPurchase("msg-napoli-nameless")) {
            assertThat(m.path("tone").asText()).isEqualTo("informale");
            assertThat(m.path("text").asText()).startsWith("Ciao,\n\n");
        }
        assertThat(step(postPurchase("msg-palermo"), "welcome").path("subject").asText())
                .isEqualTo("Il tuo ordine è arrivato: si parte!");
    }

    @Test
    void noContactDetailsOutsideTheTextAndNoneAtAllInTheseMessages() {
        for (String customer : List.of("msg-milano", "msg-palermo", "msg-napoli-nameless")) {
            for (JsonNode m : postPurchase(customer)) {
                for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (field.getKey().equals("text")) continue;
                    assertThat(field.getValue().toString())
                            .as(field.getKey())
                            .doesNotContain("@example.invalid")
                            .doesNotContain("1234567")
                            .doesNotContain("Giulia")
                            .doesNotContain("Salvo");
                }
                assertThat(m.path("text").asText())
                        .doesNotContain("@example.invalid")
                        .doesNotContain("1234567");
            }
        }
    }

    @Test
    void theSupportQrCodeDecodesToTheSupportPage() throws Exception {
        HttpResponse<byte[]> png = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(stack.baseUrl().resolve("/qr/support.png"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("content-type")).contains("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        String decoded = new QRCodeReader()
                .decode(new BinaryBitmap(
                        new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))))
                .getText();
        String qrLink = step(postPurchase("msg-milano"), "welcome")
                .path("links")
                .path("qr")
                .asText();
        URI base = URI.create(qrLink).resolve("/");
        assertThat(decoded).isEqualTo(base.resolve("/assistenza?via=qr").toString());
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static List<JsonNode> postPurchase(String customer) {
        List<JsonNode> messages = api.outbox(customer).stream()
                .filter(m -> m.path("journey").asText().equals("post-purchase"))
                .toList();
        assertThat(messages)
                .extracting(m -> m.path("step").asText())
                .as(customer)
                .contains("welcome", "survey");
        return messages;
    }

    private static JsonNode step(List<JsonNode> messages, String step) {
        return messages.stream()
                .filter(m -> step.equals(m.path("step").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + step + " in " + messages));
    }

    private static CustomerEvent upsert(String customer, String comune, String firstName) {
        Map<String, Object> data = b2cWithEmailConsent(customer, comune);
        data.put("phone", "+39 333 1234567");
        if (firstName == null) data.remove("firstName");
        else data.put("firstName", firstName);
        return upserted(customer, "msg-it", DELIVERED, data);
    }

    private static CustomerEvent delivered(String customer, String orderId) {
        return microwaveDelivered(customer, orderId, "msg-it", DELIVERED);
    }
}
