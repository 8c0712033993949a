package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.sfn.ExecutionDescription;
import it.attimo.sfn.ExecutionStatus;
import it.attimo.tests.support.StackApi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bursts of post-purchase starts (issue 9's intermittent abort): each round posts a customer upsert and an
 * {@code order.delivered} for {@value #CUSTOMERS} new customers in two HTTP batches, as ExperimentsEndToEndIT does,
 * then moves the virtual clock past the welcome and the tutorial. No execution may end early; a failed one is
 * reported with the failed events of its history. {@code -Dburst.rounds=N} runs more rounds in the same stack.
 */
class PostPurchaseBurstIT {
    private static final String SECRET = "e2e-burst";
    /** Monday 8 June 2026, 10:00 in Rome; round k delivers k days later. */
    private static final Instant FIRST_DELIVERY = Instant.parse("2026-06-08T08:00:00Z");

    private static final int CUSTOMERS = 300;
    private static final List<String> COMUNI =
            List.of("015146", "001272", "058091", "048017", "063049", "072006", "082053");

    private static LocalStack stack;
    private static StackApi api;

    @BeforeAll
    static void start() {
        Path root = TemplateConsistency.findProjectRoot(Path.of(""));
        stack = LocalStack.start(StackOptions.inMemory(root, FIRST_DELIVERY.minus(Duration.ofMinutes(5)), SECRET));
        api = new StackApi(() -> stack.baseUrl(), SECRET);
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void burstsOfStartsEndNoJourneyEarly() {
        int rounds = Integer.getInteger("burst.rounds", 2);
        List<String> ended = new ArrayList<>();
        int started = 0;
        for (int round = 0; round < rounds; round++) {
            Instant delivered = FIRST_DELIVERY.plus(Duration.ofDays(round));
            advanceTo(delivered.minus(Duration.ofMinutes(5)));
            List<CustomerEvent> events = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                String c = "burst-" + round + "-" + i;
                events.add(upsert(c, COMUNI.get(i % COMUNI.size()), i % 3 == 0 ? "b2b" : "b2c", delivered));
                events.add(delivered(c, "o-" + round + "-" + i, delivered));
            }
            accept(api.postEvents(events.subList(0, CUSTOMERS)));
            accept(api.postEvents(events.subList(CUSTOMERS, events.size())));
            advanceTo(delivered.plus(Duration.ofHours(40)));
            started += CUSTOMERS;
            String prefix = "post-purchase-burst-" + round + "-";
            for (ExecutionDescription e : stack.executions()) {
                if (!e.name().startsWith(prefix) || e.status() == ExecutionStatus.RUNNING) continue;
                String why = e.name() + " " + e.status() + " " + e.error().orElse("") + " "
                        + e.cause().orElse("") + failedEvents(e.name());
                System.out.println("burst round " + round + ": ended early: " + why);
                ended.add(why);
            }
            System.out.println("burst round " + round + ": " + started + " post-purchase executions, " + ended.size()
                    + " ended early so far");
        }
        assertThat(stack.deadLetters()).as("events dead-lettered").isZero();
        assertThat(ended)
                .as("post-purchase journeys that ended before their last step, of " + started)
                .isEmpty();
    }

    /**
     * The execution's history (failures in full, other events cut short): a state whose Parameters fail records no
     * TaskFailed, so the failure shows only as the state the Catch left.
     */
    private static String failedEvents(String execution) {
        StringBuilder out = new StringBuilder();
        JsonNode history = api.get("/executions/" + execution + "/history").body();
        JsonNode events = history.isArray() ? history : history.path("events");
        for (JsonNode e : events) {
            String text = e.toString();
            out.append("\n  ").append(text, 0, Math.min(text.contains("Failed") ? 1500 : 400, text.length()));
        }
        return out.toString();
    }

    private static CustomerEvent upsert(String customer, String comune, String segment, Instant delivered) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segment", segment);
        data.put("comune", comune);
        data.put("email", customer + "@example.invalid");
        data.put("locale", "it-IT");
        data.put("consent", Map.of("email", true, "sms", false));
        return new CustomerEvent(
                "up-" + customer, "e2e", "customer.upserted", customer, delivered.minus(Duration.ofDays(10)), data);
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
}
