package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.experiment.ExperimentAssignments;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.tests.support.StackApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A customer's arm is recorded, not recomputed: after a restart on the same data directory with the split changed to
 * 1:1000, a customer assigned before keeps the 12-hour arm for a second order, while a new customer whose point would
 * have given the 12-hour arm at 50:50 now gets the 24-hour one.
 */
class ExperimentAssignmentRestartIT {
    private static final String SECRET = "e2e-restart-experiments";
    /** Tuesday 9 June 2026, 10:00 in Rome; the second deliveries on Monday 15 June. */
    private static final Instant FIRST = Instant.parse("2026-06-09T08:00:00Z");

    private static final Instant SECOND = Instant.parse("2026-06-15T08:00:00Z");

    @Test
    void aRecordedArmSurvivesARestartAndASplitChange(@TempDir Path config, @TempDir Path data) throws IOException {
        Path root = TemplateConsistency.copyStatemachines(config);
        // at 50:50 both are in the 12 h arm (point < 0.5); at 1:1000 only a point under 1/1001 would be
        String early = customerWithPoint(0.001, 0.5, "ar-early-");
        String late = customerWithPoint(0.001, 0.5, "ar-late-");
        StackOptions options = StackOptions.inMemory(root, FIRST.minus(Duration.ofMinutes(5)), SECRET)
                .withDataDir(data)
                .withJourneysFile(config.resolve("journeys.json"));
        AtomicReference<LocalStack> stack = new AtomicReference<>(LocalStack.start(options));
        StackApi api = new StackApi(() -> stack.get().baseUrl(), SECRET);
        try {
            accept(api.postEvents(List.of(upsert(early), delivered(early, "o-1", FIRST))));
            advanceTo(api, stack.get(), FIRST.plus(Duration.ofHours(40)));
            assertThat(tutorialArms(api, early)).containsExactly("tutorial-12h");
            stack.get().close();

            Path experiments = config.resolve("experiments.json");
            String split = Files.readString(experiments);
            Files.writeString(
                    experiments,
                    split.replace("\"offset\": \"PT12H\", \"weight\": 50", "\"offset\": \"PT12H\", \"weight\": 1")
                            .replace(
                                    "\"offset\": \"PT24H\", \"weight\": 50",
                                    "\"offset\": \"PT24H\", \"weight\": 1000"));
            assertThat(Files.readString(experiments)).contains("\"weight\": 1000");

            stack.set(LocalStack.start(options));
            advanceTo(api, stack.get(), SECOND.minus(Duration.ofMinutes(5)));
            accept(api.postEvents(
                    List.of(delivered(early, "o-2", SECOND), upsert(late), delivered(late, "o-3", SECOND))));
            // the first order's six steps fill the e-mail cap (3 in 7 days, service messages included), so the
            // planner moves the second order's welcome and tutorial days later: wait for them
            advanceTo(api, stack.get(), SECOND.plus(Duration.ofDays(14)));

            assertThat(tutorialArms(api, early))
                    .as(() -> "second order's execution: "
                            + api.get("/executions/post-purchase-" + early + "-del-o-2/history")
                                    .raw())
                    .containsExactly("tutorial-12h", "tutorial-12h");
            assertThat(tutorialArms(api, late)).containsExactly("tutorial-24h");
        } finally {
            stack.get().close();
        }
    }

    private static String customerWithPoint(double from, double to, String prefix) {
        for (int i = 0; ; i++) {
            double p = ExperimentAssignments.point("tutorial-timing", prefix + i);
            if (p >= from && p < to) return prefix + i;
        }
    }

    private static List<String> tutorialArms(StackApi api, String customer) {
        return api.outbox(customer).stream()
                .filter(m -> m.path("step").asText().equals("tutorial"))
                .sorted(java.util.Comparator.comparing(
                        (JsonNode m) -> m.path("sendAt").asText()))
                .map(m -> m.path("context").path("experimentArm").asText())
                .toList();
    }

    private static CustomerEvent upsert(String customer) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segment", "b2c");
        data.put("comune", "058091");
        data.put("email", customer + "@example.invalid");
        data.put("consent", Map.of("email", true));
        return new CustomerEvent(
                "up-" + customer, "e2e", "customer.upserted", customer, FIRST.minus(Duration.ofDays(10)), data);
    }

    private static CustomerEvent delivered(String customer, String orderId, Instant at) {
        return new CustomerEvent("del-" + orderId, "e2e", "order.delivered", customer, at, Map.of("orderId", orderId));
    }

    private static void accept(StackApi.Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
        assertThat(reply.body().path("rejected").asInt()).as(reply.raw()).isZero();
    }

    private static void advanceTo(StackApi api, LocalStack stack, Instant at) {
        StackApi.Reply reply = api.clockSet(at.isAfter(stack.now()) ? at : stack.now());
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    }
}
