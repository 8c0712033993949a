package it.attimo.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.customer.Profile;
import it.attimo.core.port.ProfileStore;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.sfn.BilledTransitions;
import it.attimo.sfn.ExecutionDescription;
import it.attimo.sfn.ExecutionStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code attimo demo}: start the stack, replay the synthetic customers through it, summarise. */
public final class DemoRun {
    /** What to run. */
    public record Settings(
            Path home,
            Path dataDir,
            int customers,
            long seed,
            int days,
            Instant start,
            int clients,
            int workers,
            int port) {
        /** On a free port. */
        public Settings(
                Path home, Path dataDir, int customers, long seed, int days, Instant start, int clients, int workers) {
            this(home, dataDir, customers, seed, days, start, clients, workers, 0);
        }
    }

    /** What to do with the stack after the demo, before it stops (keep serving the app, look at it in a test). */
    @FunctionalInterface
    public interface AfterDemo {
        void with(LocalStack stack, Outcome outcome) throws InterruptedException;
    }

    /** The summary and whether the stack misbehaved (5xx, transport errors, dead letters). */
    public record Outcome(String text, ObjectNode json, boolean healthy, List<String> problems) {}

    private DemoRun() {}

    public static Outcome run(Settings s, PrintStream err, boolean terminal) throws InterruptedException {
        return run(s, err, terminal, null);
    }

    /** Runs the demo, then hands the still-running stack to {@code after} (when given) before stopping it. */
    public static Outcome run(Settings s, PrintStream err, boolean terminal, AfterDemo after)
            throws InterruptedException {
        long began = System.nanoTime();
        String secret = "demo-" + Long.toHexString(new java.util.Random(s.seed()).nextLong());
        StackOptions options = new StackOptions(
                s.home(), s.dataDir(), s.port(), s.start(), false, secret, "demo-hubspot-secret", s.workers());
        err.println("demo: starting the embedded stack"
                + (s.dataDir() == null ? " (in memory)" : " (data " + s.dataDir() + ")") + "...");
        try (LocalStack stack = LocalStack.start(options);
                DemoDriver driver = new DemoDriver(stack.baseUrl(), secret, s.clients())) {
            Instant start = stack.now();
            Instant end = start.plus(Duration.ofDays(s.days()));
            // the clock runs on past the customers' own events so that every experimental message of a delivery
            // within the demo days is sent and read over its whole window
            Duration followUp = DemoSummary.followUp(driver.getJson("/experiments"));
            DemoReactions reactions = new DemoReactions(s.seed());
            List<DemoCustomer> customers = DemoPopulation.generate(s.customers(), s.seed());
            List<DemoEvent> events = DemoScenario.events(customers, s.seed(), start, s.days());
            err.println("demo: " + customers.size() + " customers, " + events.size() + " events over " + s.days()
                    + " virtual days from " + start
                    + (followUp.isZero() ? "" : ", then " + followUp.toHours() + " h of follow-up for the experiments")
                    + " (stack on " + stack.baseUrl() + ")");
            long sendBegan = System.nanoTime();
            try (DemoProgress progress = DemoProgress.on(
                    err, Duration.between(start, end.plus(followUp)).toHours(), terminal)) {
                driver.run(
                        events,
                        start,
                        end.plus(followUp),
                        progress,
                        hourEnd -> reactions.to(driver.getJson("/outbox?journey=post-purchase&step=tutorial&since="
                                + hourEnd.minus(Duration.ofHours(2)))));
            }
            long sendNanos = System.nanoTime() - sendBegan;
            Outcome outcome = summarise(s, stack, driver, customers, events, start, followUp, sendNanos, began);
            printDiagnostics(err);
            if (after != null) after.with(stack, outcome);
            return outcome;
        }
    }

    /** With -Dattimo.timings=true and/or -Dattimo.aws.countCalls=true: where the time went, what was called. */
    private static void printDiagnostics(PrintStream err) {
        if (it.attimo.local.LocalTimings.enabled()) {
            it.attimo.local.LocalTimings.report().forEach((k, v) -> err.println("demo: timing " + k + ": " + v));
        }
        it.attimo.aws.config.SdkCallCounter.global()
                .calls()
                .forEach((k, v) -> err.println("demo: sdk calls " + k + ": " + v));
    }

    private static Outcome summarise(
            Settings s,
            LocalStack stack,
            DemoDriver driver,
            List<DemoCustomer> customers,
            List<DemoEvent> events,
            Instant start,
            Duration followUp,
            long sendNanos,
            long beganNanos)
            throws InterruptedException {
        DemoSummary summary = new DemoSummary();
        ObjectNode json = summary.json;
        long b2b = customers.stream().filter(DemoCustomer::b2b).count();
        ObjectNode run = json.putObject("run");
        run.put("customers", customers.size())
                .put("seed", s.seed())
                .put("days", s.days())
                .put("followUpHours", followUp.toHours())
                .put("start", start.toString())
                .put("b2b", b2b)
                .put("b2c", customers.size() - b2b)
                .put("end", stack.now().toString());

        ObjectNode ev = json.putObject("events");
        ev.put("sent", driver.eventsSent.get())
                .put("duplicateDeliveries", driver.duplicatesSent.get())
                .put("malformedSent", driver.malformedSent.get())
                .put("requests", driver.requests.get())
                .put("accepted", driver.accepted.get())
                .put("rejected", driver.rejected.get())
                .put("duplicatesInBatch", driver.duplicatesInBatch.get())
                .put("ignored", driver.ignored.get())
                .put("transportErrors", driver.transportErrors.get());
        ObjectNode codes = ev.putObject("statusCodes");
        new TreeMap<>(driver.statusCodes).forEach((code, n) -> codes.put(code.toString(), n.get()));

        List<Long> latencies = new ArrayList<>(driver.latenciesMicros);
        latencies.sort(null);
        json.putObject("ingestLatencyMillis")
                .put("p50", DemoSummary.percentile(latencies, 50))
                .put("p99", DemoSummary.percentile(latencies, 99))
                .put("max", DemoSummary.percentile(latencies, 100))
                .put("requests", latencies.size());

        json.put("quarantine", stack.quarantine().recent(Integer.MAX_VALUE).size());
        // what the duplicate deliveries left behind: the event log is keyed by customer and event id
        long logged = 0;
        for (var page : stack.dynamoDb()
                .scanPaginator(b -> b.tableName(it.attimo.aws.dynamo.AttimoTables.name(
                                LocalStack.TABLE_PREFIX, it.attimo.aws.dynamo.AttimoTables.EVENTS))
                        .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT))) {
            logged += page.count();
        }
        ev.put("eventLogItems", logged);
        int deadLetters = stack.deadLetters();
        json.putObject("queue")
                .put("processed", stack.messagesProcessed())
                .put("failed", stack.messagesFailed())
                .put("deadLetters", deadLetters);

        ObjectNode journeys = json.putObject("journeys");
        for (String journey : stack.stateMachines().keySet()) {
            journeys.putObject(journey)
                    .put("started", 0)
                    .put("finished", 0)
                    .put("succeeded", 0)
                    .put("failed", 0)
                    .put("otherClosed", 0)
                    .put("running", 0);
        }
        Map<String, LongSummaryStatistics> transitions = new TreeMap<>();
        for (ExecutionDescription e : stack.executions()) {
            String journey = e.stateMachineArn().substring(e.stateMachineArn().lastIndexOf(':') + 1);
            ObjectNode j = (ObjectNode) journeys.get(journey);
            j.put("started", j.path("started").asLong() + 1);
            if (e.status() == ExecutionStatus.RUNNING) {
                j.put("running", j.path("running").asLong() + 1);
            } else {
                j.put("finished", j.path("finished").asLong() + 1);
                String field = e.status() == ExecutionStatus.SUCCEEDED
                        ? "succeeded"
                        : e.status() == ExecutionStatus.FAILED ? "failed" : "otherClosed";
                j.put(field, j.path(field).asLong() + 1);
                transitions
                        .computeIfAbsent(journey, k -> new LongSummaryStatistics())
                        .accept(BilledTransitions.of(stack.executionHistory(e.executionArn())));
            }
        }
        transitions.forEach((journey, t) -> ((ObjectNode) journeys.get(journey))
                .putObject("transitions")
                .put("executions", t.getCount())
                .put("total", t.getSum())
                .put("mean", Math.round(t.getAverage() * 10) / 10.0)
                .put("min", t.getMin())
                .put("max", t.getMax()));

        JsonNode outbox = driver.getJson("/outbox");
        List<String> keys = new ArrayList<>();
        if (outbox != null) {
            outbox.forEach(m -> keys.add(m.path("journey").asText("?") + " / "
                    + m.path("step").asText("?") + " / " + m.path("channel").asText("?")));
        }
        ObjectNode messages = json.putObject("messages");
        DemoSummary.count(keys).forEach(messages::put);

        // read in process: GET /profiles/{id} a thousand times costs seconds, one request at a time as on one Lambda
        ProfileStore profileStore = stack.context().getBean(ProfileStore.class);
        List<String> tiers = new ArrayList<>();
        List<String> churn = new ArrayList<>();
        int profiles = 0;
        for (DemoCustomer c : customers) {
            Optional<Profile> p = profileStore.find(c.id());
            if (p.isPresent()) {
                profiles++;
                tiers.add(p.get().tier() == null ? "none" : p.get().tier());
                churn.add(p.get().churn().segment());
            }
        }
        ObjectNode postPurchase = json.putObject("postPurchase");
        postPurchase.put(
                "delays",
                events.stream().filter(e -> e.type().equals("delivery.delayed")).count());
        postPurchase.put(
                "delaysOver48h",
                events.stream()
                        .filter(e -> e.type().equals("delivery.delayed"))
                        .filter(e ->
                                e.cloudEvent().path("data").path("delayHours").asDouble() > 48)
                        .count());
        postPurchase.put(
                "returns",
                events.stream().filter(e -> e.type().equals("order.returned")).count());
        postPurchase.put(
                "supportRequests",
                events.stream()
                        .filter(e -> e.type().equals("support.requested"))
                        .count());
        postPurchase.put(
                "detractors",
                events.stream()
                        .filter(e -> e.type().equals("survey.answered"))
                        .filter(e -> e.cloudEvent().path("data").path("nps").asInt(10) <= 6)
                        .count());
        long coupons = 0;
        for (var page : stack.dynamoDb()
                .scanPaginator(b -> b.tableName(it.attimo.aws.dynamo.AttimoTables.name(
                                LocalStack.TABLE_PREFIX, it.attimo.aws.dynamo.AttimoTables.COUPONS))
                        .filterExpression("begins_with(couponKey, :code)")
                        .expressionAttributeValues(Map.of(
                                ":code",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("code#"))))) {
            coupons += page.count();
        }
        postPurchase.put("couponsIssued", coupons);
        postPurchase.put("churnHigh", churn.stream().filter("high"::equals).count());
        ObjectNode tierCounts = json.putObject("tiers");
        DemoSummary.count(tiers).forEach(tierCounts::put);
        run.put("profilesFound", profiles);
        JsonNode onboarding = driver.getJson("/kpis/onboarding");
        json.set("onboarding", onboarding);
        json.set("experiments", driver.getJson("/experiments"));

        long wallMillis = (System.nanoTime() - beganNanos) / 1_000_000;
        run.put("wallMillis", wallMillis);
        run.put("sendMillis", sendNanos / 1_000_000);
        run.put("postingMillis", driver.postingNanos.get() / 1_000_000);
        run.put("clockMillis", driver.clockNanos.get() / 1_000_000);
        run.put("reactionMillis", driver.reactionNanos.get() / 1_000_000);
        run.put("eventsPerSecond", driver.eventsSent.get() / Math.max(0.001, sendNanos / 1e9));

        List<String> problems = new ArrayList<>();
        long serverErrors = driver.statusCodes.entrySet().stream()
                .filter(e -> e.getKey() >= 500)
                .mapToLong(e -> e.getValue().get())
                .sum();
        if (serverErrors > 0) {
            problems.add(serverErrors + " request(s) answered 5xx");
        }
        if (driver.transportErrors.get() > 0) {
            problems.add(driver.transportErrors.get() + " request(s) failed in transport");
        }
        if (deadLetters > 0) {
            problems.add(deadLetters + " queue message(s) ended in the dead-letter queue");
        }
        if (profiles < customers.size()) {
            problems.add((customers.size() - profiles) + " customer(s) have no profile");
        }
        return new Outcome(summary.text(), json, problems.isEmpty(), problems);
    }
}
