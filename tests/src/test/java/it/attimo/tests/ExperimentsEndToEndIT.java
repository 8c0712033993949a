package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.experiment.Experiment;
import it.attimo.core.experiment.ExperimentAssignments;
import it.attimo.core.experiment.ExperimentCatalogLoader;
import it.attimo.core.experiment.TwoProportionTest;
import it.attimo.core.journey.JourneyCatalogLoader;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.sfn.ExecutionStatus;
import it.attimo.tests.support.StackApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 001's A/B test of the tutorial's timing, end to end over HTTP on the virtual clock: 300 customers from the
 * North, Centre, South and islands, b2b and b2c, get their parcel on the same Tuesday morning; the split is balanced
 * within a binomial tolerance, each arm's tutorial goes at its own offset and carries the arm, planted guide views
 * and support clicks become {@code GET /experiments}' counts, rates and p-value, the stop rule declares the 24-hour
 * arm once every window has closed, and a customer delivered afterwards gets the winner whatever their hash says.
 */
class ExperimentsEndToEndIT {
    private static final String SECRET = "e2e-experiments";
    /** Tuesday 9 June 2026, 10:00 in Rome. */
    private static final Instant DELIVERED = Instant.parse("2026-06-09T08:00:00Z");

    private static final int CUSTOMERS = 300;
    /** Milano, Torino (Nord), Roma, Firenze (Centro), Napoli, Bari (Sud), Palermo (Isole). */
    private static final List<String> COMUNI =
            List.of("015146", "001272", "058091", "048017", "063049", "072006", "082053");

    private static LocalStack stack;
    private static StackApi api;
    private static Experiment experiment;

    /**
     * The repository's journeys and experiment, with the minimum sample down from 400 to 100 per arm so that 300
     * customers reach the horizon.
     */
    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        Path root = TemplateConsistency.copyStatemachines(dir);
        Path experiments = dir.resolve("experiments.json");
        String declared = Files.readString(experiments);
        assertThat(declared).contains("\"minimumSample\": 400");
        Files.writeString(experiments, declared.replace("\"minimumSample\": 400", "\"minimumSample\": 100"));
        stack = LocalStack.start(StackOptions.inMemory(root, DELIVERED.minus(Duration.ofMinutes(5)), SECRET)
                .withJourneysFile(dir.resolve("journeys.json")));
        api = new StackApi(() -> stack.baseUrl(), SECRET);
        experiment = ExperimentCatalogLoader.load(experiments, JourneyCatalogLoader.load(dir.resolve("journeys.json")))
                .find("tutorial-timing")
                .orElseThrow();
        assertThat(experiment.minimumSample()).isEqualTo(100);
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void theTutorialTimingTestFromSplitToWinner() {
        List<String> customers = new ArrayList<>();
        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String c = "ab-" + i;
            customers.add(c);
            events.add(upsert(c, COMUNI.get(i % COMUNI.size()), i % 3 == 0 ? "b2b" : "b2c"));
            events.add(delivered(c, "o-" + i, DELIVERED));
        }
        accept(api.postEvents(events.subList(0, CUSTOMERS)));
        accept(api.postEvents(events.subList(CUSTOMERS, events.size())));
        advanceTo(DELIVERED.plus(Duration.ofHours(40)));

        // nothing was lost on the way: no event dead-lettered, no post-purchase execution ended (they run for days)
        assertThat(stack.deadLetters()).as("events dead-lettered").isZero();
        assertThat(stack.executions().stream()
                        .filter(e -> e.status() != ExecutionStatus.RUNNING)
                        .map(e -> e.name() + " " + e.status() + " " + e.error().orElse("") + " "
                                + e.cause().orElse("") + failedTasks(e.name()))
                        .toList())
                .as("journeys that ended before their last step")
                .isEmpty();
        // every tutorial went out, at its arm's offset (the planner may move it within the 12 h window), labelled
        Map<String, JsonNode> tutorials = tutorials();
        assertThat(tutorials).as(() -> missingTutorials(customers, tutorials)).hasSize(CUSTOMERS);
        Map<String, List<String>> byArm = new HashMap<>();
        for (String c : customers) {
            JsonNode m = tutorials.get(c);
            String arm = m.path("context").path("experimentArm").asText();
            assertThat(m.path("context").path("experimentId").asText()).isEqualTo("tutorial-timing");
            assertThat(arm)
                    .as("the arm is the hash's")
                    .isEqualTo(experiment
                            .armAt(ExperimentAssignments.point("tutorial-timing", c))
                            .name());
            Duration offset = experiment.arm(arm).orElseThrow().offset();
            Instant sendAt = Instant.parse(m.path("sendAt").asText());
            assertThat(sendAt)
                    .as(c + " in " + arm)
                    .isAfterOrEqualTo(DELIVERED.plus(offset))
                    .isBeforeOrEqualTo(DELIVERED.plus(offset).plus(Duration.ofHours(12)));
            byArm.computeIfAbsent(arm, k -> new ArrayList<>()).add(c);
        }
        List<String> twelve = byArm.get("tutorial-12h");
        List<String> twentyFour = byArm.get("tutorial-24h");
        // a fair split of 300: sd = sqrt(300 / 4) = 8.7; four sd either side of 150
        assertThat(twelve.size()).isBetween(150 - 35, 150 + 35);
        assertThat(twelve.size() + twentyFour.size()).isEqualTo(CUSTOMERS);
        assertThat(twelve.stream()
                        .map(c -> sendAt(tutorials.get(c)))
                        .max(Instant::compareTo)
                        .orElseThrow())
                .as("every 12 h tutorial goes before any 24 h one")
                .isBeforeOrEqualTo(twentyFour.stream()
                        .map(c -> sendAt(tutorials.get(c)))
                        .min(Instant::compareTo)
                        .orElseThrow());

        // planted behaviour: 20% of the 12 h arm and 45% of the 24 h arm watch the guide or click support in time;
        // a view of another video and a view after the 72 h window count for nothing
        int converted12 = twelve.size() / 5;
        int converted24 = twentyFour.size() * 45 / 100;
        List<CustomerEvent> behaviour = new ArrayList<>();
        for (int i = 0; i < converted12; i++) behaviour.add(guide(twelve.get(i), tutorials, Duration.ofHours(2)));
        for (int i = 0; i < converted24; i++) {
            String c = twentyFour.get(i);
            behaviour.add(i % 4 == 0 ? supportClick(c, tutorials) : guide(c, tutorials, Duration.ofHours(3)));
        }
        behaviour.add(video(
                twelve.get(converted12),
                "intro",
                sendAt(tutorials.get(twelve.get(converted12))).plus(Duration.ofHours(1))));
        accept(api.postEvents(behaviour));
        advanceTo(DELIVERED.plus(Duration.ofHours(40)));

        JsonNode running = experiments().get(0);
        assertThat(running.path("status").asText())
                .as("no window has closed yet")
                .isEqualTo("running");
        assertThat(running.path("winner").isNull()).isTrue();
        assertArms(running, twelve.size(), converted12, twentyFour.size(), converted24);

        // a view three days and an hour after the send is too late
        String late = twelve.get(converted12 + 1);
        Instant tooLate = sendAt(tutorials.get(late)).plus(Duration.ofHours(73));
        advanceTo(tooLate.plus(Duration.ofMinutes(1)));
        accept(api.postEvents(List.of(video(late, "guide", tooLate))));
        // every window closed: the stop rule (100 per arm, p < 0.05) reads the test once and declares the 24 h arm
        advanceTo(DELIVERED.plus(Duration.ofHours(36 + 72 + 1)));
        JsonNode decided = experiments().get(0);
        assertArms(decided, twelve.size(), converted12, twentyFour.size(), converted24);
        assertThat(decided.path("status").asText()).isEqualTo("winner-declared");
        assertThat(decided.path("winner").asText()).isEqualTo("tutorial-24h");
        assertThat(decided.path("pValue").asDouble()).isLessThan(0.05);

        JsonNode detail = api.get("/experiments/tutorial-timing").body();
        assertThat(detail.path("decision").path("status").asText()).isEqualTo("winner-declared");
        assertThat(detail.path("promoted").asLong()).isZero();
        assertThat(api.get("/experiments/no-such-test").status()).isEqualTo(404);

        // a customer delivered after the decision gets the winner, even one whose hash says 12 h
        String newcomer = customerWithArm("tutorial-12h");
        Instant monday = Instant.parse("2026-06-15T08:00:00Z");
        advanceTo(monday.minus(Duration.ofMinutes(5)));
        accept(api.postEvents(List.of(upsert(newcomer, "063049", "b2c"), delivered(newcomer, "o-new", monday))));
        advanceTo(monday.plus(Duration.ofHours(40)));
        JsonNode promoted = api.outbox(newcomer).stream()
                .filter(m -> m.path("step").asText().equals("tutorial"))
                .findFirst()
                .orElseThrow();
        assertThat(promoted.path("context").path("experimentArm").asText()).isEqualTo("tutorial-24h");
        assertThat(sendAt(promoted)).isAfterOrEqualTo(monday.plus(Duration.ofHours(24)));
        JsonNode after = api.get("/experiments/tutorial-timing").body();
        assertThat(after.path("promoted").asLong()).isEqualTo(1);
        assertArms(after, twelve.size(), converted12, twentyFour.size(), converted24);
    }

    private static void assertArms(JsonNode e, int n12, int c12, int n24, int c24) {
        assertThat(e.path("id").asText()).isEqualTo("tutorial-timing");
        assertThat(e.path("journey").asText()).isEqualTo("post-purchase");
        assertThat(e.path("step").asText()).isEqualTo("tutorial");
        assertThat(e.path("metric").path("within").asText()).isEqualTo("PT72H");
        JsonNode a12 = e.path("arms").get(0);
        JsonNode a24 = e.path("arms").get(1);
        assertThat(a12.path("name").asText()).isEqualTo("tutorial-12h");
        assertThat(a12.path("assigned").asInt()).isEqualTo(n12);
        assertThat(a12.path("converted").asInt()).isEqualTo(c12);
        assertThat(a12.path("rate").asDouble()).isEqualTo((double) c12 / n12);
        assertThat(a24.path("name").asText()).isEqualTo("tutorial-24h");
        assertThat(a24.path("assigned").asInt()).isEqualTo(n24);
        assertThat(a24.path("converted").asInt()).isEqualTo(c24);
        assertThat(e.path("lift").asDouble()).isEqualTo(((double) c24 / n24) / ((double) c12 / n12) - 1);
        assertThat(e.path("pValue").asDouble()).isEqualTo(TwoProportionTest.pValue(c24, n24, c12, n12));
    }

    private static JsonNode experiments() {
        StackApi.Reply r = api.get("/experiments");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().isArray()).isTrue();
        return r.body();
    }

    private static Map<String, JsonNode> tutorials() {
        StackApi.Reply r = api.get("/outbox");
        Map<String, JsonNode> out = new LinkedHashMap<>();
        r.body().forEach(m -> {
            if (m.path("step").asText().equals("tutorial"))
                out.put(m.path("customerId").asText(), m);
        });
        return out;
    }

    /** For each customer without a tutorial, what its execution's tutorial (and welcome) steps answered. */
    private static String missingTutorials(List<String> customers, Map<String, JsonNode> tutorials) {
        StringBuilder out = new StringBuilder("customers without a tutorial:");
        for (String c : customers) {
            if (tutorials.containsKey(c)) continue;
            out.append("\n").append(c).append(':');
            StackApi.Reply history =
                    api.get("/executions/post-purchase-" + c + "-del-o-" + c.substring(3) + "/history");
            if (history.status() != 200) out.append(' ').append(history.raw());
            for (JsonNode e : history.body()) {
                String state = e.path("state").asText();
                if (e.path("type").asText().endsWith("StateExited")
                        && (state.endsWith("Welcome") || state.endsWith("Tutorial")))
                    out.append("\n  ").append(state).append(' ').append(e.path("details"));
            }
        }
        return out.toString();
    }

    /** The failed tasks of an execution, with the error and cause its history records. */
    private static String failedTasks(String execution) {
        StringBuilder out = new StringBuilder();
        JsonNode history = api.get("/executions/" + execution + "/history").body();
        JsonNode events = history.isArray() ? history : history.path("events");
        for (JsonNode e : events) {
            if (e.toString().contains("Failed"))
                out.append("\n  ")
                        .append(e.toString(), 0, Math.min(1500, e.toString().length()));
        }
        return out.toString();
    }

    private static String customerWithArm(String arm) {
        for (int i = 0; ; i++) {
            String c = "ab-new-" + i;
            if (experiment
                    .armAt(ExperimentAssignments.point(experiment.id(), c))
                    .name()
                    .equals(arm)) return c;
        }
    }

    private static Instant sendAt(JsonNode message) {
        return Instant.parse(message.path("sendAt").asText());
    }

    private static CustomerEvent guide(String c, Map<String, JsonNode> tutorials, Duration after) {
        return video(c, "guide", sendAt(tutorials.get(c)).plus(after));
    }

    private static CustomerEvent video(String c, String videoId, Instant at) {
        return new CustomerEvent(
                "v-" + c + "-" + videoId + "-" + at.getEpochSecond(),
                "e2e",
                "video.watched",
                c,
                at,
                Map.of("videoId", videoId, "watchedSeconds", 100));
    }

    private static CustomerEvent supportClick(String c, Map<String, JsonNode> tutorials) {
        return new CustomerEvent(
                "k-" + c,
                "e2e",
                "email.clicked",
                c,
                sendAt(tutorials.get(c)).plus(Duration.ofMinutes(30)),
                Map.of("link", "support"));
    }

    private static CustomerEvent upsert(String customer, String comune, String segment) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segment", segment);
        data.put("comune", comune);
        data.put("email", customer + "@example.invalid");
        data.put("locale", "it-IT");
        data.put("consent", Map.of("email", true, "sms", false));
        return new CustomerEvent(
                "up-" + customer, "e2e", "customer.upserted", customer, DELIVERED.minus(Duration.ofDays(10)), data);
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
