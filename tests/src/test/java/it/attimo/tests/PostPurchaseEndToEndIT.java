package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.calendar.ItalianCalendar;
import it.attimo.core.customer.Segment;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.geo.ComuneDirectory;
import it.attimo.core.geo.CustomerLocation;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.tests.support.StackApi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation's promise, end to end over HTTP against the embedded stack: a signed {@code order.delivered} for a
 * Milano customer gives, as the virtual clock crosses 73 hours, the first 72 hours' messages at allowed local times
 * (welcome, tutorial, contextual content, survey), then the repurchase invitation; five copies of the event give each
 * message once; a stop and restart halfway loses nothing and duplicates nothing.
 */
class PostPurchaseEndToEndIT {
    private static final String SECRET = "e2e-secret";
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    /** Friday 29 May 2026, 16:00 in Milan: the welcome cannot go before Saturday morning; Tuesday 2 June is a holiday. */
    private static final Instant DELIVERED = Instant.parse("2026-05-29T14:00:00Z");

    private static final String MILANO = "015146";

    private static LocalStack stack;
    private static StackApi api;
    private static Path root;

    @BeforeAll
    static void findProject() {
        root = TemplateConsistency.findProjectRoot(Path.of(""));
        api = new StackApi(() -> stack.baseUrl(), SECRET);
    }

    /** A fresh in-memory stack per test: each test owns its virtual clock. */
    @BeforeEach
    void start() {
        stack = LocalStack.start(StackOptions.inMemory(root, DELIVERED.minus(Duration.ofMinutes(5)), SECRET));
    }

    @AfterEach
    void stop() {
        if (stack != null) stack.close();
        stack = null;
    }

    @Test
    void anOrderDeliveredGivesTheFirst72HoursMessagesAtAllowedLocalTimesThenTheRepurchase() {
        String customer = "pp-milano-1";
        accept(api.postEvents(List.of(upsert(customer), delivered(customer, "order-1"))));
        advanceTo(DELIVERED.plus(Duration.ofHours(73)));

        List<JsonNode> messages = api.outbox(customer);
        // seed 001's first 72 hours: welcome, tutorial, contextual content, survey (the accessories offer, Nord's
        // magic moment at 68 h, goes only if a marketing slot is good enough)
        assertThat(steps(messages)).contains("welcome", "tutorial", "contextual", "survey");
        assertThat(steps(messages)).isSubsetOf("welcome", "tutorial", "contextual", "survey", "accessories");
        for (JsonNode m : messages) {
            assertThat(m.path("journey").asText()).isEqualTo("post-purchase");
            assertThat(m.path("channel").asText()).isEqualTo("email");
            assertAllowedEmailTime(Instant.parse(m.path("sendAt").asText()));
        }
        assertThat(sendAt(messages, "tutorial")).isAfterOrEqualTo(DELIVERED.plus(Duration.ofHours(24)));
        assertThat(sendAt(messages, "survey")).isAfterOrEqualTo(DELIVERED.plus(Duration.ofHours(48)));
        // "within 72 h": the survey may not wait for Wednesday, since Tuesday 2 June is Festa della Repubblica
        assertThat(sendAt(messages, "survey")).isBefore(DELIVERED.plus(Duration.ofHours(72)));
        assertThat(sendAt(messages, "welcome").atZone(ROME).toLocalDate()).isEqualTo("2026-05-30");

        JsonNode profile = api.get("/profiles/" + customer).body();
        assertThat(profile.path("comune").asText()).isEqualTo(MILANO);
        assertThat(profile.path("region").asText()).isEqualTo("Lombardia");
        assertThat(profile.path("macroArea").asText()).isEqualTo("Nord-ovest");
        // the repurchase invitation (days 7-14) is still to come
        assertThat(profile.path("journeys").get(0).path("status").asText()).isEqualTo("RUNNING");
        assertThat(profile.toString()).doesNotContain("@example");
        advanceTo(DELIVERED.plus(Duration.ofDays(15)));
        assertThat(steps(api.outbox(customer))).contains("repurchase");
        JsonNode done = api.get("/profiles/" + customer).body();
        assertThat(done.path("activeJourneys")).isEmpty();
        assertThat(done.path("journeys").get(0).path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void theSameEventSentFiveTimesStillGivesEachMessageOnce() {
        String customer = "pp-milano-dup";
        accept(api.postEvents(List.of(upsert(customer))));
        CustomerEvent event = delivered(customer, "order-dup");
        for (int i = 0; i < 4; i++) accept(api.postEvents(List.of(event)));
        accept(api.postEvents(List.of(event, event))); // a fifth copy, twice in one batch
        advanceTo(DELIVERED.plus(Duration.ofHours(73)));

        List<String> steps = steps(api.outbox(customer));
        assertThat(steps).contains("welcome", "tutorial", "contextual", "survey");
        assertThat(steps).doesNotHaveDuplicates();
        JsonNode profile = api.get("/profiles/" + customer).body();
        assertThat(profile.path("journeys")).hasSize(1);
        assertThat(profile.path("eventCounts").path("order.delivered").asInt()).isEqualTo(1);
    }

    @Test
    void aForgedOrStaleSignatureIsRefusedAndStoresNothing() {
        String body = "[" + it.attimo.core.event.CloudEventJson.toJson(delivered("pp-forged", "order-f")) + "]";
        StackApi forger = new StackApi(() -> stack.baseUrl(), "not-the-secret");
        StackApi.Reply forged = forger.postSigned("/events", "application/cloudevents-batch+json", body);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.body().path("error").asText()).isEqualTo("unauthorized");

        long stale = System.currentTimeMillis() - Duration.ofMinutes(6).toMillis();
        StackApi.Reply old = api.post(
                "/events",
                "application/cloudevents-batch+json",
                body,
                "X-Attimo-Timestamp",
                Long.toString(stale),
                "X-Attimo-Signature",
                it.attimo.core.ingest.AttimoSignatureVerifier.sign(
                        SECRET, stale, body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(old.status()).isEqualTo(401);

        advanceTo(stack.now());
        assertThat(api.get("/profiles/pp-forged").status()).isEqualTo(404);
        assertThat(api.get("/quarantine").raw()).doesNotContain("order-f");
    }

    @Test
    void anOversizedOrWronglyTypedBodyGetsAPreciseErrorThroughTheHttpServer() {
        String padding = "x".repeat(1024 * 1024);
        StackApi.Reply big = api.postSigned(
                "/events",
                "application/cloudevents+json",
                "{\"specversion\":\"1.0\",\"id\":\"big\",\"source\":\"s\",\"type\":\"portal.accessed\","
                        + "\"subject\":\"pp-big\",\"time\":\"2026-05-29T13:00:00Z\",\"data\":{\"pad\":\"" + padding
                        + "\"}}");
        assertThat(big.status()).as(big.raw()).isEqualTo(413);
        assertThat(big.body().path("error").asText()).isEqualTo("payload_too_large");

        StackApi.Reply text = api.postSigned("/events", "text/plain", "hello");
        assertThat(text.status()).isEqualTo(415);
        StackApi.Reply broken = api.postSigned("/events", "application/cloudevents+json", "{\"specversion\":");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body().path("message").asText()).contains("not valid JSON");
    }

    @Test
    void aBatchWithBadEventsAcceptsTheGoodOnesAndQuarantinesTheRest() {
        String customer = "pp-mixed";
        String good = it.attimo.core.event.CloudEventJson.toJson(upsert(customer));
        String badType = "{\"specversion\":\"1.0\",\"id\":\"bad-1\",\"source\":\"shop\",\"type\":\"order.teleported\","
                + "\"subject\":\"" + customer + "\",\"time\":\"2026-05-29T13:00:00Z\"}";
        String badTime = "{\"specversion\":\"1.0\",\"id\":\"bad-2\",\"source\":\"shop\",\"type\":\"order.placed\","
                + "\"subject\":\"" + customer + "\",\"time\":\"yesterday\"}";
        StackApi.Reply reply = api.postSigned(
                "/events", "application/cloudevents-batch+json", "[" + good + "," + badType + "," + badTime + "]");

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body().path("accepted").asInt()).isEqualTo(1);
        assertThat(reply.body().path("rejected").asInt()).isEqualTo(2);
        JsonNode results = reply.body().path("results");
        assertThat(results.get(1).path("error").asText()).contains("order.teleported");
        assertThat(results.get(2).path("error").asText()).contains("time");
        assertThat(results.get(1).path("quarantineId").asText()).isNotBlank();
        advanceTo(stack.now());
        assertThat(api.get("/profiles/" + customer).status()).isEqualTo(200);
        assertThat(api.get("/quarantine").raw()).contains("bad-1").contains("bad-2");
    }

    @Test
    void aStopAndRestartHalfwayLosesNothingAndDuplicatesNothing(@TempDir Path data) {
        stop();
        AtomicReference<LocalStack> current = new AtomicReference<>(
                LocalStack.start(StackOptions.inMemory(root, DELIVERED.minus(Duration.ofMinutes(5)), SECRET)
                        .withDataDir(data)));
        StackApi restartable = new StackApi(() -> current.get().baseUrl(), SECRET);
        try {
            accept(restartable.postEvents(List.of(upsert("pp-restart-1"), delivered("pp-restart-1", "order-r1"))));
            assertThat(restartable
                            .clockSet(DELIVERED.plus(Duration.ofHours(36)))
                            .status())
                    .isEqualTo(200);
            List<String> before = steps(restartable.outbox("pp-restart-1"));
            assertThat(before).contains("welcome").doesNotContain("survey");

            // accepted just before the stop, not yet processed by the score function
            accept(restartable.postEvents(List.of(
                    upsert("pp-restart-2"),
                    delivered("pp-restart-2", "order-r2", DELIVERED.plus(Duration.ofHours(36))))));
            current.get().close();

            current.set(LocalStack.start(
                    StackOptions.inMemory(root, DELIVERED, SECRET).withDataDir(data)));
            assertThat(current.get().now()).isAfterOrEqualTo(DELIVERED.plus(Duration.ofHours(36)));
            // pp-restart-2's survey window (+48 h..+72 h = Tuesday 2 June 04:00..Wednesday 04:00 in Milan) has no
            // allowed slot, Tuesday being Festa della Repubblica: the planner sends at the next one, Wednesday 09:30
            assertThat(restartable
                            .clockSet(DELIVERED.plus(Duration.ofHours(36 + 73 + 12)))
                            .status())
                    .isEqualTo(200);

            for (String c : List.of("pp-restart-1", "pp-restart-2")) {
                List<String> steps = steps(restartable.outbox(c));
                assertThat(steps).as(c).contains("welcome", "tutorial", "contextual", "survey");
                assertThat(steps).as(c).doesNotHaveDuplicates();
                JsonNode profile = restartable.get("/profiles/" + c).body();
                assertThat(profile.path("journeys")).hasSize(1);
            }
            assertThat(restartable
                            .clockSet(DELIVERED.plus(Duration.ofDays(16 + 2)))
                            .status())
                    .isEqualTo(200);
            for (String c : List.of("pp-restart-1", "pp-restart-2")) {
                List<String> steps = steps(restartable.outbox(c));
                assertThat(steps).as(c).contains("repurchase").doesNotHaveDuplicates();
                JsonNode profile = restartable.get("/profiles/" + c).body();
                assertThat(profile.path("journeys").get(0).path("status").asText())
                        .isEqualTo("SUCCEEDED");
            }
        } finally {
            current.get().close();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static CustomerEvent upsert(String customer) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segment", "b2c");
        data.put("comune", MILANO);
        data.put("email", customer + "@example.invalid");
        data.put("locale", "it-IT");
        data.put("consent", Map.of("email", true, "sms", false));
        return new CustomerEvent(
                "up-" + customer, "e2e", "customer.upserted", customer, DELIVERED.minus(Duration.ofDays(10)), data);
    }

    private static CustomerEvent delivered(String customer, String orderId) {
        return delivered(customer, orderId, DELIVERED);
    }

    private static CustomerEvent delivered(String customer, String orderId, Instant at) {
        return new CustomerEvent("del-" + orderId, "e2e", "order.delivered", customer, at, Map.of("orderId", orderId));
    }

    private static void accept(StackApi.Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
        assertThat(reply.body().path("rejected").asInt()).as(reply.raw()).isZero();
    }

    private static void advanceTo(Instant at) {
        Instant target = at.isAfter(stack.now()) ? at : stack.now();
        StackApi.Reply reply = api.clockSet(target);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    }

    private static List<String> steps(List<JsonNode> messages) {
        List<String> steps = new ArrayList<>();
        messages.forEach(m -> steps.add(m.path("step").asText()));
        return steps;
    }

    private static Instant sendAt(List<JsonNode> messages, String step) {
        return messages.stream()
                .filter(m -> step.equals(m.path("step").asText()))
                .map(m -> Instant.parse(m.path("sendAt").asText()))
                .findFirst()
                .orElseThrow();
    }

    /** Email window 09:30-14:00 in Milan, and never on a national holiday or Milan's patron day. */
    private static void assertAllowedEmailTime(Instant sendAt) {
        LocalDateTime local = LocalDateTime.ofInstant(sendAt, ROME);
        assertThat(local.toLocalTime())
                .as("local time of " + sendAt)
                .isBetween(LocalTime.of(9, 30), LocalTime.of(14, 0));
        ItalianCalendar calendar = ItalianCalendar.bundled();
        CustomerLocation milano = CustomerLocation.of(ComuneDirectory.bundled().requireCode(MILANO));
        assertThat(calendar.statusOf(local.toLocalDate(), milano, Segment.B2C).isHoliday())
                .as(local.toLocalDate() + " is a holiday in Milan")
                .isFalse();
    }
}
