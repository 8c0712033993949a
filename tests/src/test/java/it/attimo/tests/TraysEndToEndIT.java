package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.tests.support.StackApi;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Trays end to end over HTTP against the embedded stack: a whole {@code conferma-ordine} (created by sales, corrected
 * and signed by the customer with a one-time code, validated by customer service, sales notified, PDF with the audit
 * trail), a rejection, an expiry on the virtual clock, forged links and a write into another party's section.
 */
class TraysEndToEndIT {
    static final String SECRET = "trays-e2e-secret";
    static final Instant START = Instant.parse("2026-06-09T08:00:00Z");

    private static Path root;
    private LocalStack stack;
    private StackApi api;
    private final HttpClient http = HttpClient.newHttpClient();

    record Page(int status, String body, byte[] bytes, String contentType) {}

    @BeforeAll
    static void findProject() {
        root = TemplateConsistency.findProjectRoot(Path.of(""));
    }

    @BeforeEach
    void start() {
        stack = LocalStack.start(StackOptions.inMemory(root, START, SECRET));
        api = new StackApi(() -> stack.baseUrl(), SECRET);
    }

    @AfterEach
    void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void aWholeOrderConfirmationFromSalesToThePdf() throws IOException {
        contacts("c-rossi", "sales-anna", "service-luca");
        String trayId = createTray("c-rossi", "sales-anna", "service-luca", "Rossi Srl", "1234567890");

        // the customer's link, as the message carries it
        String customerLink = link("c-rossi", "customer-turn");
        Page page = get(customerLink);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Conferma d&#39;ordine", "Rossi Srl", "2 x Caldaia X200", "tocca a lei");
        assertThat(page.body()).doesNotContain("Margine interno", "12.5"); // hidden from the customer

        // a wrong P.IVA is shown in place, nothing stored
        Page invalid = post(customerLink, customerForm("Rossi S.r.l.", "123", "request-otp"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body())
                .contains("Formato non valido (11 cifre)", "aria-invalid=\"true\"", "id=\"e-partitaIva\"");
        assertThat(status(trayId).path("status").asText()).isEqualTo("waiting-customer");

        // corrects its data and asks for the code; the code arrives by SMS (it has a phone)
        Page asked = post(customerLink, customerForm("Rossi S.r.l.", "12345678901", "request-otp"));
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains("codice per SMS", "name=\"otp\"");
        JsonNode otpMessage = message("c-rossi", "otp");
        assertThat(otpMessage.path("channel").asText()).isEqualTo("sms");
        assertThat(otpMessage.path("journey").asText()).isEqualTo("tray-conferma-ordine");
        String code = otpMessage.path("context").path("otp").asText();
        assertThat(code).matches("[0-9]{6}");
        assertThat(otpMessage.path("text").asText()).contains(code, "Conferma d'ordine");

        Page wrong = post(customerLink, Map.of("_action", "sign", "otp", code.equals("000000") ? "111111" : "000000"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("Codice errato");
        Page signed = post(customerLink, Map.of("_action", "sign", "otp", code));
        assertThat(signed.status()).isEqualTo(200);
        assertThat(signed.body()).contains("Documento firmato");

        // customer service: sees the corrected data, the internal margin and the credit check
        String serviceLink = link("service-luca", "service-turn");
        Page service = get(serviceLink);
        assertThat(service.body())
                .contains(
                        "Rossi S.r.l.",
                        "12345678901",
                        "Margine interno",
                        "Verifica del credito",
                        "data-outcome=\"approved\"");
        Page validated = post(
                serviceLink,
                Map.of(
                        "datiVerificati",
                        "true",
                        "fido",
                        "regolare",
                        "noteServizio",
                        "Cliente puntuale",
                        "_action",
                        "submit"));
        assertThat(validated.status()).isEqualTo(200);

        // completed: sales notified with its link, the PDF carries the data, the signature, the hash and the audit
        String salesLink = link("sales-anna", "sales-turn");
        JsonNode tray = status(trayId);
        assertThat(tray.path("status").asText()).isEqualTo("completed");
        assertThat(tray.path("sections"))
                .extracting(
                        s -> s.path("party").asText() + ":" + s.path("status").asText())
                .containsExactly("sales:submitted", "customer:submitted", "service:submitted");
        assertThat(tray.path("sections").get(1).path("submittedAt").asText()).isNotEmpty();
        String documentHash = tray.path("document").path("sha256").asText();
        assertThat(documentHash).matches("[0-9a-f]{64}");
        JsonNode signature = tray.path("signatures").get(0);
        assertThat(signature.path("party").asText()).isEqualTo("customer");
        assertThat(signature.path("method").asText()).isEqualTo("otp-sms");
        List<String> actions = new ArrayList<>();
        tray.path("audit")
                .forEach(a -> actions.add(
                        a.path("party").asText() + ":" + a.path("action").asText()));
        assertThat(actions)
                .containsSubsequence(
                        "sales:created",
                        "customer:changed",
                        "customer:otp-sent",
                        "customer:otp-failed",
                        "customer:signed",
                        "service:submitted",
                        "system:completed");
        assertThat(get(salesLink).body()).contains("completato", "Scarica il documento completo (PDF)", documentHash);

        Page pdf = get(salesLink + "/document");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.bytes())) {
            text = new PDFTextStripper().getText(doc);
        }
        assertThat(text)
                .contains(
                        "Conferma d'ordine",
                        "Rossi S.r.l.",
                        "12345678901",
                        documentHash,
                        signature.path("documentSha256").asText(),
                        "signed",
                        "otp-failed",
                        "completed");
        assertThat(text).doesNotContain("12.5"); // the internal margin stays out of the shared document

        // the tray's completion entered the event log
        JsonNode profile = api.get("/profiles/c-rossi").body();
        assertThat(profile.path("eventCounts").path("tray.completed").asInt()).isEqualTo(1);
    }

    @Test
    void serviceSendsTheTrayBackToSalesWithANoteThenSalesCorrectsItOrWithdrawsIt() {
        contacts("c-bianchi", "sales-anna", "service-luca");
        String trayId = createTray("c-bianchi", "sales-anna", "service-luca", "Bianchi Spa", "2345678901");
        String customerLink = link("c-bianchi", "customer-turn");
        assertThat(post(customerLink, customerForm("Bianchi Spa", "23456789012", "request-otp"))
                        .status())
                .isEqualTo(200);
        String code = message("c-bianchi", "otp").path("context").path("otp").asText();
        assertThat(post(customerLink, Map.of("_action", "sign", "otp", code)).status())
                .isEqualTo(200);

        String serviceLink = link("service-luca", "service-turn");
        Page empty = post(serviceLink, Map.of("_action", "reject", "note", " "));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("Scriva il motivo");
        Page sentBack =
                post(serviceLink, Map.of("_action", "reject", "note", "P.IVA cessata: verificare con il cliente"));
        assertThat(sentBack.status()).isEqualTo(200);

        // conferma-ordine sends a rejection back to sales (sendBack: 2): a new turn for sales, with the note
        JsonNode tray = status(trayId);
        assertThat(tray.path("status").asText()).isEqualTo("waiting-sales");
        assertThat(tray.path("sentBack").asInt()).isEqualTo(1);
        assertThat(tray.path("rejection").path("note").asText()).isEqualTo("P.IVA cessata: verificare con il cliente");
        assertThat(tray.path("signatures")).isEmpty(); // the customer's signature was over the old version
        String salesLink = link("sales-anna", "sales-turn");
        assertThat(get(salesLink).body()).contains("Rimandato indietro", "P.IVA cessata");
        // the service's turn is over: its link may no longer act
        assertThat(post(serviceLink, Map.of("datiVerificati", "true", "fido", "regolare"))
                        .status())
                .isEqualTo(409);

        assertThat(post(salesLink, Map.of("partitaIva", "34567890123")).status())
                .isEqualTo(200);
        // every turn again: the customer gets a new link and must sign the corrected version
        assertThat(status(trayId).path("status").asText()).isEqualTo("waiting-customer");
        assertThat(steps("c-bianchi").stream().filter("customer-turn"::equals).count())
                .isEqualTo(2);
        String again = link("c-bianchi", "customer-turn");
        assertThat(again).isNotEqualTo(customerLink);
        assertThat(get(again).body()).contains("34567890123");
        Page refused = post(again, Map.of("_action", "reject", "note", "Non ordino più"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(status(trayId).path("sentBack").asInt()).isEqualTo(2);
        String salesAgain = link("sales-anna", "sales-turn");
        assertThat(post(salesAgain, Map.of("_action", "reject", "note", "Il cliente rinuncia"))
                        .status())
                .isEqualTo(200);
        assertThat(status(trayId).path("status").asText()).isEqualTo("rejected");
        assertThat(steps("sales-anna")).contains("rejected");
        assertThat(status(trayId).path("audit"))
                .extracting(
                        a -> a.path("party").asText() + ":" + a.path("action").asText())
                .contains("service:sent-back", "customer:sent-back", "sales:rejected");
    }

    @Test
    void anUnansweredTurnIsRemindedAfter24HoursAndExpiresAfter72() {
        contacts("c-verdi", "sales-anna", "service-luca");
        String trayId = createTray("c-verdi", "sales-anna", "service-luca", "Verdi Snc", "3456789012");
        String customerLink = link("c-verdi", "customer-turn");

        assertThat(api.clockAdvance("PT23H").status()).isEqualTo(200);
        assertThat(steps("c-verdi")).doesNotContain("customer-reminder");
        assertThat(api.clockAdvance("PT2H").status()).isEqualTo(200);
        assertThat(steps("c-verdi")).contains("customer-reminder");
        assertThat(status(trayId).path("status").asText()).isEqualTo("waiting-customer");

        assertThat(api.clockAdvance("PT48H").status()).isEqualTo(200);
        assertThat(status(trayId).path("status").asText()).isEqualTo("expired");
        assertThat(steps("sales-anna")).contains("expired");
        Page expired = get(customerLink);
        assertThat(expired.status()).isEqualTo(404);
        assertThat(expired.body()).doesNotContain(trayId, "Verdi");
    }

    @Test
    void forgedLinksAndCrossSectionWritesAreRefusedAndRevealNothing() {
        contacts("c-neri", "sales-anna", "service-luca");
        String trayId = createTray("c-neri", "sales-anna", "service-luca", "Neri Srl", "4567890123");
        String customerLink = link("c-neri", "customer-turn");

        for (String forged : List.of("/tray/not-a-token", "/tray/" + "A".repeat(500), tamper(customerLink))) {
            Page page = get(forged);
            assertThat(page.status()).as(forged).isEqualTo(403);
            assertThat(page.body()).doesNotContain(trayId, "Neri", "conferma-ordine");
            assertThat(post(forged, Map.of("ragioneSociale", "x")).status()).isEqualTo(403);
        }
        // the customer's link writing the service's validation
        Page cross = post(customerLink, Map.of("ragioneSociale", "Neri Srl", "fido", "regolare"));
        assertThat(cross.status()).isEqualTo(403);
        JsonNode tray = status(trayId);
        assertThat(tray.path("status").asText()).isEqualTo("waiting-customer");
        List<JsonNode> refused = new ArrayList<>();
        tray.path("audit").forEach(a -> {
            if (a.path("action").asText().equals("write-refused")) refused.add(a);
        });
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).path("party").asText()).isEqualTo("customer");
        assertThat(refused.get(0).path("detail").path("fields").asText()).isEqualTo("fido");
        // the service's link cannot act before its turn
        assertThat(api.post("/trays", "application/json", "{}").status()).isEqualTo(401);
        assertThat(api.get("/trays/" + trayId).status()).isEqualTo(401);
    }

    @Test
    void aRestartLosesNothingAndARepeatedCreateChangesNothing(@org.junit.jupiter.api.io.TempDir Path data) {
        stack.close();
        stack = LocalStack.start(StackOptions.inMemory(root, START, SECRET).withDataDir(data));
        contacts("c-gialli", "sales-anna", "service-luca");
        String body = "{\"trayId\":\"tray-gialli-1\",\"template\":\"conferma-ordine\",\"customerId\":\"c-gialli\","
                + "\"data\":{\"prodotti\":\"1 x Caldaia\",\"totale\":900,\"ragioneSociale\":\"Gialli Srl\","
                + "\"partitaIva\":\"56789012345\",\"indirizzo\":\"Via Po 2, Torino\",\"pec\":\"g@example.invalid\"},"
                + "\"parties\":{\"sales\":\"sales-anna\",\"service\":\"service-luca\"}}";
        assertThat(api.postSigned("/trays", "application/json", body).status()).isEqualTo(201);
        assertThat(api.postSigned("/trays", "application/json", body).status()).isEqualTo(200);
        String customerLink = link("c-gialli", "customer-turn");

        // stopped while the customer's turn waits, started again on the same data
        stack.close();
        stack = LocalStack.start(StackOptions.inMemory(root, START, SECRET).withDataDir(data));
        assertThat(status("tray-gialli-1").path("status").asText()).isEqualTo("waiting-customer");
        assertThat(post(customerLink, customerForm("Gialli Srl", "56789012345", "request-otp"))
                        .status())
                .isEqualTo(200);
        String code = message("c-gialli", "otp").path("context").path("otp").asText();
        assertThat(post(customerLink, Map.of("_action", "sign", "otp", code)).status())
                .isEqualTo(200);
        String serviceLink = link("service-luca", "service-turn");
        assertThat(post(serviceLink, Map.of("datiVerificati", "true", "fido", "regolare"))
                        .status())
                .isEqualTo(200);
        link("sales-anna", "sales-turn");
        assertThat(status("tray-gialli-1").path("status").asText()).isEqualTo("completed");
        assertThat(steps("c-gialli")).containsExactlyInAnyOrder("customer-turn", "otp");
        assertThat(steps("service-luca")).containsExactly("service-turn");
    }

    // ---- helpers

    private void contacts(String customer, String sales, String service) {
        List<CustomerEvent> events = new ArrayList<>();
        events.add(upsert(customer, true));
        events.add(upsert(sales, false));
        events.add(upsert(service, false));
        assertThat(api.postEvents(events).status()).isEqualTo(202);
    }

    private static CustomerEvent upsert(String id, boolean phone) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segment", "b2b");
        data.put("comune", "015146");
        data.put("email", id + "@example.invalid");
        if (phone) data.put("phone", "+393331234567");
        data.put("consent", Map.of("email", true, "sms", true));
        return new CustomerEvent("up-" + id, "e2e", "customer.upserted", id, START.minus(Duration.ofDays(1)), data);
    }

    private String createTray(String customer, String sales, String service, String name, String vat) {
        ObjectNode body = StackApi.JSON.createObjectNode();
        body.put("template", "conferma-ordine");
        body.put("customerId", customer);
        ObjectNode data = body.putObject("data");
        data.put("prodotti", "2 x Caldaia X200\n1 x Kit installazione");
        data.put("totale", 4800);
        data.put("consegna", "2026-06-30");
        data.put("margine", 12.5);
        data.put("ragioneSociale", name);
        data.put("partitaIva", vat);
        data.put("indirizzo", "Via Roma 1, 20121 Milano");
        data.put("pec", "amministrazione@example.invalid");
        body.putObject("parties").put("sales", sales).put("service", service);
        StackApi.Reply reply = api.postSigned("/trays", "application/json", body.toString());
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        assertThat(reply.body().path("status").asText()).isEqualTo("waiting-customer");
        return reply.body().path("trayId").asText();
    }

    private Map<String, String> customerForm(String name, String vat, String action) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ragioneSociale", name);
        form.put("partitaIva", vat);
        form.put("indirizzo", "Via Roma 1, 20121 Milano");
        form.put("pec", "amministrazione@example.invalid");
        form.put("codiceSdi", "");
        form.put("_action", action);
        return form;
    }

    /** The path of the party link in the recipient's message of {@code step}, once the stack has sent it. */
    private String link(String recipient, String step) {
        JsonNode message = message(recipient, step);
        String url = message.path("links").path("tray").asText();
        assertThat(url).contains("/tray/");
        // rendered in the core: the link is in the text the party reads, the code never outside the otp message
        assertThat(message.path("text").asText()).contains(url);
        assertThat(message.path("context").has("otp")).isFalse();
        return URI.create(url).getPath();
    }

    private JsonNode message(String recipient, String step) {
        for (int i = 0; i < 50; i++) {
            Optional<JsonNode> m = api.outbox(recipient).stream()
                    .filter(n -> n.path("step").asText().equals(step))
                    .reduce((a, b) -> b);
            if (m.isPresent()) return m.get();
            api.clockAdvance("PT0S"); // runs what is due now: queue, executions
        }
        throw new AssertionError("no " + step + " message for " + recipient + " in " + api.outbox(recipient));
    }

    private List<String> steps(String recipient) {
        return api.outbox(recipient).stream().map(n -> n.path("step").asText()).toList();
    }

    private JsonNode status(String trayId) {
        api.clockAdvance("PT0S");
        String path = "/trays/" + trayId;
        long ts = System.currentTimeMillis();
        HttpRequest request = HttpRequest.newBuilder(stack.baseUrl().resolve(path))
                .header("X-Attimo-Timestamp", Long.toString(ts))
                .header(
                        "X-Attimo-Signature",
                        it.attimo.core.ingest.AttimoSignatureVerifier.sign(SECRET, ts, new byte[0]))
                .GET()
                .build();
        Page page = send(request);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        try {
            return StackApi.JSON.readTree(page.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String tamper(String link) {
        char last = link.charAt(link.length() - 1);
        return link.substring(0, link.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private Page get(String path) {
        return send(HttpRequest.newBuilder(stack.baseUrl().resolve(path)).GET().build());
    }

    private Page post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(stack.baseUrl().resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private Page send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Page(
                    r.statusCode(),
                    new String(r.body(), StandardCharsets.UTF_8),
                    r.body(),
                    r.headers().firstValue("content-type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
