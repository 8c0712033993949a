package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.sfn.ExecutionDescription;
import it.attimo.sfn.HistoryEvent;
import it.attimo.tests.support.StackApi;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Temporal profiles end to end on the embedded stack: engagement history goes in through the signed endpoint, the
 * template's daily schedule (03:30 Rome) runs the refresh on the virtual clock and stores the model, and a
 * post-purchase journey started afterwards plans with the customer's prediction: a Tuesday-morning reader gets the
 * tutorial on Tuesday at 10:00 instead of the first allowed slot (09:30), and the plan says which profile it used.
 */
class TimingProfileEndToEndIT {
    private static final String SECRET = "e2e-timing";
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    /** Monday 23 November 2026, 02:00 in Rome: the daily refresh runs at 03:30. */
    private static final Instant START = Instant.parse("2026-11-23T01:00:00Z");

    private static final Instant AFTER_REFRESH = Instant.parse("2026-11-23T03:00:00Z");
    private static final String MILANO = "015146";

    private LocalStack stack;
    private StackApi api;

    @BeforeEach
    void start() {
        stack = LocalStack.start(
                StackOptions.inMemory(TemplateConsistency.findProjectRoot(Path.of("")), START, SECRET));
        api = new StackApi(() -> stack.baseUrl(), SECRET);
    }

    @AfterEach
    void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void aJourneyPlannedAfterTheDailyRefreshUsesTheCustomersProfile() {
        List<CustomerEvent> history = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            history.add(upsert("tt-tue-" + i));
            history.addAll(tuesdayMornings("tt-tue-" + i, 6));
            history.add(upsert("tt-eve-" + i));
            history.addAll(evenings("tt-eve-" + i, 21));
        }
        history.add(upsert("tt-reader"));
        history.addAll(tuesdayMornings("tt-reader", 6));
        history.add(upsert("tt-unknown"));
        for (int from = 0; from < history.size(); from += 200) {
            accept(api.postEvents(history.subList(from, Math.min(history.size(), from + 200))));
        }

        StackApi.Reply moved = api.clockSet(AFTER_REFRESH);
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        // the temporal-model refresh (02:30 Rome) and the retention sweep (04:00 Rome) fall inside the move
        assertThat(moved.body().path("ran").path("scheduledJobsRun").asLong())
                .as(moved.raw())
                .isEqualTo(2);

        accept(api.postEvents(List.of(delivered("tt-reader"), delivered("tt-unknown"))));
        assertThat(api.clockSet(AFTER_REFRESH.plus(Duration.ofHours(40))).status())
                .isEqualTo(200);

        JsonNode reader = tutorialPlan("tt-reader");
        JsonNode unknown = tutorialPlan("tt-unknown");
        assertThat(reasons(reader).get(0)).startsWith("profile: martedì mattina, 12 engagements (model of 2026-11-23)");
        assertThat(reasons(reader)).anyMatch(r -> r.startsWith("prediction: martedì mattina"));
        assertThat(LocalDateTime.parse(reader.path("localTime").asText()))
                .isEqualTo(LocalDateTime.of(2026, 11, 24, 10, 0));
        assertThat(reasons(unknown).get(0)).isEqualTo("profile: none (no engagement events yet)");
        assertThat(LocalDateTime.parse(unknown.path("localTime").asText()))
                .isEqualTo(LocalDateTime.of(2026, 11, 24, 9, 30));
        // and the message really went at the planned time
        assertThat(api.outbox("tt-reader"))
                .filteredOn(m -> m.path("step").asText().equals("tutorial"))
                .extracting(m -> Instant.parse(m.path("sendAt").asText()))
                .containsExactly(
                        LocalDateTime.of(2026, 11, 24, 10, 0).atZone(ROME).toInstant());
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /**
     * The tutorial's plan for this customer, {@code steps.tutorial.plan}: the output of the post-purchase execution's
     * DispatchWelcome state, which plans the tutorial once the welcome is sent.
     */
    private JsonNode tutorialPlan(String customer) {
        for (ExecutionDescription e : stack.executions()) {
            for (HistoryEvent h : stack.history(e.name()).orElse(List.of())) {
                if (!"DispatchWelcome".equals(h.stateName()) || !h.isStateExited()) continue;
                JsonNode output = json(h.details().path("output"));
                if (customer.equals(output.path("customerId").asText()))
                    return output.path("steps").path("tutorial").path("plan");
            }
        }
        throw new AssertionError("no DispatchWelcome output for " + customer + " in "
                + stack.executions().size() + " executions");
    }

    private static JsonNode json(JsonNode node) {
        if (!node.isTextual()) return node;
        try {
            return StackApi.JSON.readTree(node.asText());
        } catch (Exception e) {
            throw new AssertionError("state output is not JSON: " + node.asText(), e);
        }
    }

    private static List<String> reasons(JsonNode plan) {
        List<String> out = new ArrayList<>();
        plan.path("reasons").forEach(r -> out.add(r.asText()));
        assertThat(out).as(plan.toString()).isNotEmpty();
        return out;
    }

    private static List<CustomerEvent> tuesdayMornings(String customer, int weeks) {
        List<CustomerEvent> out = new ArrayList<>();
        LocalDate tuesday = START.atZone(ROME).toLocalDate().with(TemporalAdjusters.previous(DayOfWeek.TUESDAY));
        for (int w = 0; w < weeks; w++, tuesday = tuesday.minusWeeks(1)) {
            out.add(at("email.opened", customer, tuesday, LocalTime.of(10, 10)));
            out.add(at("portal.accessed", customer, tuesday, LocalTime.of(10, 40)));
        }
        return out;
    }

    private static List<CustomerEvent> evenings(String customer, int days) {
        List<CustomerEvent> out = new ArrayList<>();
        LocalDate day = START.atZone(ROME).toLocalDate().minusDays(1);
        for (int d = 0; d < days; d++, day = day.minusDays(1))
            out.add(at("portal.accessed", customer, day, LocalTime.of(20, 30)));
        return out;
    }

    private static CustomerEvent at(String type, String customer, LocalDate day, LocalTime time) {
        Instant instant = day.atTime(time).atZone(ROME).toInstant();
        return new CustomerEvent(
                type + "-" + customer + "-" + instant.getEpochSecond(), "e2e", type, customer, instant, Map.of());
    }

    private static CustomerEvent upsert(String customer) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segment", "b2c");
        data.put("comune", MILANO);
        data.put("email", customer + "@example.invalid");
        data.put("locale", "it-IT");
        data.put("consent", Map.of("email", true));
        return new CustomerEvent(
                "up-" + customer, "e2e", "customer.upserted", customer, START.minus(Duration.ofDays(60)), data);
    }

    private static CustomerEvent delivered(String customer) {
        return new CustomerEvent(
                "del-" + customer,
                "e2e",
                "order.delivered",
                customer,
                AFTER_REFRESH,
                Map.of("orderId", "order-" + customer));
    }

    private static void accept(StackApi.Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
        assertThat(reply.body().path("rejected").asInt()).as(reply.raw()).isZero();
    }
}
