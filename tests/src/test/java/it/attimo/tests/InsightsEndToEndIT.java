package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.tests.support.StackApi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The insights JSON APIs end to end over HTTP on the embedded stack: a small population's events posted, the virtual
 * clock moved past the journeys' first sends and the 05:00 Europe/Rome analytics refresh, then every
 * {@code /insights/...} route read: journey maps equal to the ASL files with consistent counts, the customers in a
 * state, one customer's view, the overview and heatmap computed by the refresh, the alerts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InsightsEndToEndIT {
    private static final String SECRET = "insights-secret";
    /** Monday 25 May 2026, 09:00 in Rome */
    private static final Instant T0 = Instant.parse("2026-05-25T07:00:00Z");
    /** Thursday 28 May, 06:00 in Rome: after that morning's 05:00 analytics refresh */
    private static final Instant AFTER_REFRESH = Instant.parse("2026-05-28T04:00:00Z");

    private static final List<String> COMUNI = List.of("015146", "058091", "063049", "082053", "027042");
    private static final int BUYERS = 10;

    private static LocalStack stack;
    private static StackApi api;
    private static Path root;
    private static final List<String> buyers = new ArrayList<>();

    @BeforeAll
    static void runADemoSizedPopulation() {
        root = TemplateConsistency.findProjectRoot(Path.of(""));
        buyers.clear();
        stack = LocalStack.start(StackOptions.inMemory(root, T0.minus(Duration.ofMinutes(5)), SECRET));
        api = new StackApi(() -> stack.baseUrl(), SECRET);
        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            String id = "ins-" + i;
            buyers.add(id);
            events.add(upsert(id, "b2c", COMUNI.get(i % COMUNI.size())));
            events.add(new CustomerEvent(
                    "del-" + id,
                    "e2e",
                    "order.delivered",
                    id,
                    T0.plus(Duration.ofMinutes(10L * i)),
                    Map.of("orderId", "o-" + id)));
            if (i % 3 == 0)
                events.add(new CustomerEvent(
                        "nps-" + id,
                        "e2e",
                        "survey.answered",
                        id,
                        T0.plusSeconds(3600),
                        Map.of("nps", i == 0 ? 10 : 4, "csat", 4)));
        }
        for (int i = 0; i < 2; i++) {
            String id = "ins-b2b-" + i;
            events.add(upsert(id, "b2b", "015146"));
            events.add(new CustomerEvent("reg-" + id, "e2e", "account.registered", id, T0, Map.of()));
        }
        StackApi.Reply reply = api.postEvents(events);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
        assertThat(reply.body().path("rejected").asInt()).as(reply.raw()).isZero();
        // the welcomes and tutorials go out; the customers open some of them
        advanceTo(T0.plus(Duration.ofHours(30)));
        List<CustomerEvent> opens = new ArrayList<>();
        for (int i = 0; i < BUYERS; i += 2) {
            opens.add(new CustomerEvent(
                    "open-" + i,
                    "e2e",
                    "email.opened",
                    buyers.get(i),
                    stack.now().minusSeconds(600),
                    Map.of()));
        }
        assertThat(api.postEvents(opens).status()).isEqualTo(202);
        advanceTo(AFTER_REFRESH);
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void everyJourneyMapHasTheAslFilesStatesAndConsistentCounts() throws Exception {
        JsonNode list = ok("/insights/journeys");
        Map<String, JsonNode> journeys = new HashMap<>();
        list.path("journeys").forEach(j -> journeys.put(j.path("journey").asText(), j));
        JsonNode catalog = StackApi.JSON.readTree(
                root.resolve("statemachines/journeys.json").toFile());
        for (JsonNode j : catalog.path("journeys")) {
            String name = j.path("name").asText();
            JsonNode asl = StackApi.JSON.readTree(root.resolve("statemachines")
                    .resolve(j.path("asl").asText())
                    .toFile());
            List<String> aslStates = new ArrayList<>();
            asl.path("States").fieldNames().forEachRemaining(aslStates::add);
            JsonNode map = ok("/insights/journeys/" + name);
            List<String> mapStates = new ArrayList<>();
            map.path("states").forEach(s -> mapStates.add(s.path("name").asText()));
            assertThat(mapStates).as(name).isEqualTo(aslStates);
            assertThat(map.path("startAt").asText())
                    .isEqualTo(asl.path("StartAt").asText());
            assertThat(journeys.get(name).path("states").asInt()).isEqualTo(aslStates.size());
            int waiting = 0;
            for (JsonNode s : map.path("states")) {
                int entered = s.path("entered").asInt();
                int outcomes = s.path("waiting").asInt()
                        + s.path("completed").asInt()
                        + s.path("exitedEarly").asInt()
                        + s.path("failed").asInt();
                assertThat(entered).as(name + "/" + s.path("name").asText()).isEqualTo(outcomes);
                assertThat(s.path("type").asText())
                        .isEqualTo(asl.path("States")
                                .path(s.path("name").asText())
                                .path("Type")
                                .asText());
                waiting += s.path("waiting").asInt();
            }
            // a running execution is in exactly one top-level state once the stack is quiet
            assertThat(waiting)
                    .as(name + " waiting")
                    .isEqualTo(journeys.get(name).path("running").asInt());
            int edges = 0;
            for (JsonNode state : asl.path("States")) {
                if (state.has("Next")) edges++;
                if (state.has("Default")) edges++;
                edges += state.path("Choices").size() + state.path("Catch").size();
            }
            assertThat(map.path("transitions").size()).as(name).isEqualTo(edges);
        }
        JsonNode pp = journeys.get("post-purchase");
        assertThat(pp.path("running").asInt()
                        + pp.path("completed").asInt()
                        + pp.path("failed").asInt())
                .isEqualTo(BUYERS);
        JsonNode map = ok("/insights/journeys/post-purchase");
        JsonNode first = map.path("states").get(0);
        assertThat(first.path("entered").asInt()).isEqualTo(BUYERS);
        JsonNode welcome = state(map, "DispatchWelcome");
        assertThat(welcome.path("milestone").asBoolean()).isTrue();
        assertThat(welcome.path("momentOfTruth").asBoolean()).isTrue();
        assertThat(welcome.path("completed").asInt()).isEqualTo(BUYERS);
        assertThat(transition(map, "PlanWelcome", "WaitForWelcome")).isEqualTo(BUYERS);
        assertThat(map.path("dropOff").get(0).path("entered").asInt()).isEqualTo(BUYERS);

        StackApi.Reply csv = api.call("GET", "/insights/journeys/post-purchase?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw()).startsWith("name,type,waiting,entered,completed,exitedEarly,failed,");
        assertThat(api.get("/insights/journeys/no-such-journey").status()).isEqualTo(404);
        assertThat(api.get("/insights/journeys?bogus=1").status()).isEqualTo(400);
    }

    @Test
    void theCustomersInAStateAndOneCustomersView() {
        JsonNode map = ok("/insights/journeys/post-purchase");
        JsonNode busiest = null;
        for (JsonNode s : map.path("states"))
            if (busiest == null
                    || s.path("waiting").asInt() > busiest.path("waiting").asInt()) busiest = s;
        String state = busiest.path("name").asText();
        assertThat(busiest.path("waiting").asInt()).isPositive();
        JsonNode in = ok("/insights/journeys/post-purchase/states/" + state + "/customers?limit=1000");
        assertThat(in.path("total").asInt()).isEqualTo(busiest.path("waiting").asInt());
        String customer = in.path("customers").get(0).path("customerId").asText();
        assertThat(buyers).contains(customer);
        assertThat(in.path("customers").get(0).path("tier").isTextual()).isTrue();
        assertThat(api.get("/insights/journeys/post-purchase/states/NoSuchState/customers")
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/insights/journeys/post-purchase/states/" + state + "/customers?limit=0")
                        .status())
                .isEqualTo(400);

        JsonNode view = ok("/insights/customers/" + customer);
        assertThat(view.path("segment").asText()).isEqualTo("b2c");
        assertThat(view.path("area").isTextual()).isTrue();
        // the runs come most recent first, so a detractor's survey run may precede the post-purchase one
        JsonNode journey = null;
        for (JsonNode run : view.path("journeys"))
            if (run.path("journey").asText().equals("post-purchase")) journey = run;
        assertThat(journey)
                .as("the post-purchase run in " + view.path("journeys"))
                .isNotNull();
        assertThat(journey.path("state").asText()).isEqualTo(state);
        assertThat(journey.path("status").asText()).isEqualTo("RUNNING");
        Set<String> kinds = new HashSet<>();
        view.path("timeline").forEach(t -> kinds.add(t.path("kind").asText()));
        assertThat(kinds).contains("event", "message");
        assertThat(view.path("churn").path("rule").path("risk").isTextual()).isTrue();
        assertThat(view.path("churn").has("model")).isTrue();
        assertThat(view.path("consents").path("email").path("granted").asBoolean())
                .isTrue();
        assertThat(view.toString()).doesNotContain("@example");
        JsonNode profile = ok("/profiles/" + customer);
        assertThat(profile.path("churn").has("model")).isTrue();
        assertThat(profile.path("churn").path("segment").isTextual()).isTrue();
        assertThat(api.get("/insights/customers/nobody-here").status()).isEqualTo(404);
    }

    @Test
    void theOverviewHeatmapAndAlertsComeFromTheScheduledRefresh() {
        JsonNode overview = ok("/insights/overview");
        Map<String, JsonNode> kpis = new LinkedHashMap<>();
        overview.path("kpis").forEach(k -> kpis.put(k.path("id").asText(), k));
        assertThat(kpis.keySet())
                .contains(
                        "onboarding.completionHours",
                        "onboarding.abandonmentByPhase",
                        "onboarding.supportPerWeek",
                        "onboarding.guideCompletion",
                        "postPurchase.contacted24h",
                        "postPurchase.contacted72h",
                        "postPurchase.csat",
                        "postPurchase.nps",
                        "postPurchase.guideCompletion",
                        "postPurchase.repurchase7to14",
                        "timing.openRate",
                        "timing.optimalSlotShare",
                        "timing.meanResponseHours",
                        "timing.opensPerSlotStdDev",
                        "timing.costPerContact");
        assertThat(kpis.get("postPurchase.contacted72h").path("sample").asInt()).isEqualTo(BUYERS);
        assertThat(kpis.get("postPurchase.contacted72h").path("value").asDouble())
                .isEqualTo(100.0);
        assertThat(kpis.get("postPurchase.nps").path("sample").asInt()).isEqualTo(4);
        assertThat(kpis.get("postPurchase.nps").path("breakdown").size()).isPositive();
        assertThat(kpis.get("onboarding.guideCompletion").path("sample").asInt())
                .isEqualTo(2);
        assertThat(kpis.get("timing.costPerContact").path("value").asDouble()).isPositive();

        int sentBeforeRefresh = 0;
        for (String b : buyers)
            for (JsonNode m : api.outbox(b))
                // messages, not the account managers' tasks the survey detractors open
                if (!m.path("channel").asText().equals("account-manager")
                        && Instant.parse(m.path("sendAt").asText()).isBefore(Instant.parse("2026-05-28T03:00:00Z")))
                    sentBeforeRefresh++;
        JsonNode sends = ok("/insights/heatmap?metric=sends&segment=b2c");
        assertThat(sends.path("timezone").asText()).isEqualTo("Europe/Rome");
        assertThat(sends.path("cells").size()).isEqualTo(168);
        assertThat(sends.path("total").asInt()).isEqualTo(sentBeforeRefresh);
        assertThat(kpis.get("timing.openRate").path("sample").asInt()).isGreaterThanOrEqualTo(sentBeforeRefresh);
        JsonNode opens = ok("/insights/heatmap?metric=opens");
        assertThat(opens.path("total").asInt()).isEqualTo(BUYERS / 2);
        JsonNode south = ok("/insights/heatmap?metric=sends&area=SUD");
        assertThat(south.path("total").asInt()).isLessThan(sends.path("total").asInt());
        assertThat(south.path("filters").path("area").asText()).isEqualTo("Sud");
        StackApi.Reply csv = api.call("GET", "/insights/heatmap?metric=opens", "Accept", "text/csv");
        assertThat(csv.raw()).startsWith("weekday,hour,count\r\n");
        assertThat(api.get("/insights/heatmap?metric=views").status()).isEqualTo(400);
        assertThat(api.get("/insights/overview?area=Atlantide").status()).isEqualTo(400);

        JsonNode alerts = ok("/insights/alerts");
        assertThat(alerts.path("generatedAt").asText()).isEqualTo("2026-05-28T03:00:00Z");
        assertThat(alerts.path("alerts").isArray()).isTrue();
        // each alert listed went to the outbox once
        List<JsonNode> sent = api.outbox("attimo-alerts");
        Set<String> ids = new HashSet<>();
        for (JsonNode m : sent)
            assertThat(ids.add(m.path("context").path("alertId").asText())).isTrue();
        for (JsonNode a : alerts.path("alerts"))
            assertThat(ids).contains(a.path("id").asText());
    }

    /** Last: it moves the clock on. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aDeadLetterRaisesACriticalAlertSentToTheOutboxOncePerDay() {
        String body = "{\"specversion\":\"1.0\",\"id\":\"dead-1\",\"source\":\"e2e\",\"type\":\"portal.accessed\","
                + "\"subject\":\"ins-0\",\"time\":\"" + T0 + "\",\"data\":{}}";
        stack.sqs()
                .sendMessage(b -> b.queueUrl(stack.dlqUrl())
                        .messageBody(body)
                        .messageGroupId("ins-0")
                        .messageDeduplicationId("dead-1"));
        advanceTo(Instant.parse("2026-05-29T04:00:00Z"));
        JsonNode alerts = ok("/insights/alerts").path("alerts");
        JsonNode dlq = null;
        for (JsonNode a : alerts) if (a.path("kind").asText().equals("dlq")) dlq = a;
        assertThat(dlq).as(alerts.toString()).isNotNull();
        assertThat(dlq.path("id").asText()).isEqualTo("dlq:2026-05-29");
        assertThat(dlq.path("severity").asText()).isEqualTo("critical");
        assertThat(dlq.path("details").path("messages").asInt()).isEqualTo(1);
        assertThat(dlq.path("message").path("it").asText()).isNotBlank();
        assertThat(alertIds()).containsOnlyOnce("dlq:2026-05-29");
        // the same finding on the same day is not sent again; the next day's refresh raises the next day's alert
        StackApi.Reply again = api.post("/admin/clock", "application/json", "{\"advance\":\"PT1H\"}");
        assertThat(again.status()).isEqualTo(200);
        advanceTo(Instant.parse("2026-05-30T04:00:00Z"));
        assertThat(alertIds()).containsOnlyOnce("dlq:2026-05-29").containsOnlyOnce("dlq:2026-05-30");
    }

    private static List<String> alertIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode m : api.outbox("attimo-alerts")) {
            assertThat(m.path("channel").asText()).isEqualTo("alert");
            ids.add(m.path("context").path("alertId").asText());
        }
        return ids;
    }

    // ---- helpers ----

    private static JsonNode ok(String path) {
        StackApi.Reply r = api.get(path);
        assertThat(r.status()).as(path + ": " + r.raw()).isEqualTo(200);
        return r.body();
    }

    private static JsonNode state(JsonNode map, String name) {
        for (JsonNode s : map.path("states")) if (s.path("name").asText().equals(name)) return s;
        throw new AssertionError("no state " + name);
    }

    private static int transition(JsonNode map, String from, String to) {
        for (JsonNode t : map.path("transitions"))
            if (t.path("from").asText().equals(from) && t.path("to").asText().equals(to))
                return t.path("count").asInt();
        throw new AssertionError("no edge " + from + " -> " + to);
    }

    private static CustomerEvent upsert(String id, String segment, String comune) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segment", segment);
        data.put("comune", comune);
        data.put("email", id + "@example.invalid");
        data.put("locale", "it-IT");
        data.put("consent", Map.of("email", true));
        return new CustomerEvent("up-" + id, "e2e", "customer.upserted", id, T0.minus(Duration.ofDays(30)), data);
    }

    private static void advanceTo(Instant at) {
        StackApi.Reply reply = api.clockSet(at.isAfter(stack.now()) ? at : stack.now());
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    }
}
