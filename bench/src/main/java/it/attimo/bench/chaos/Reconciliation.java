package it.attimo.bench.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.aws.channel.DynamoOutboxChannel;
import it.attimo.aws.channel.OutboxMessage;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.MessageLedger;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.sfn.ExecutionDescription;
import it.attimo.sfn.ExecutionStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Opens the killed server's data directory in this JVM (the restart resumes whatever the kill interrupted), lets it
 * settle, and compares what the clients were told against what is stored: the event log, the journeys' executions,
 * the dispatch ledger and the outbox, the quarantine and the dead letters.
 */
final class Reconciliation {
    /** One line of the table: what, how many, whether it is a failure when not zero (or when it is {@code expected}). */
    record Row(String check, long found, long expected, boolean mustMatch) {
        boolean ok() {
            return !mustMatch || found == expected;
        }
    }

    record Report(List<Row> rows, List<String> details, ObjectNode deadLetters) {
        boolean ok() {
            return rows.stream().allMatch(Row::ok);
        }

        void print(PrintStream out, List<String> kills, List<Duration> restarts, double seconds, Path log) {
            out.println();
            out.println("SIGKILLs (" + kills.size() + "):");
            for (int i = 0; i < kills.size(); i++) out.println("  " + (i + 1) + ". " + kills.get(i));
            out.println("restarts to serving: "
                    + restarts.stream()
                            .map(d -> String.format("%.1f s", d.toMillis() / 1000.0))
                            .collect(Collectors.joining(", ")));
            out.println();
            out.printf("%-58s %10s %10s  %s%n", "reconciliation", "found", "expected", "");
            for (Row r : rows) {
                out.printf(
                        "%-58s %,10d %10s  %s%n",
                        r.check(),
                        r.found(),
                        r.mustMatch() ? String.format("%,d", r.expected()) : "-",
                        r.mustMatch() ? (r.ok() ? "ok" : "FAIL") : "");
            }
            if (!details.isEmpty()) {
                out.println();
                out.println("details (first 20):");
                details.stream().limit(20).forEach(d -> out.println("  " + d));
            }
            out.println();
            out.println("dead letters: " + deadLetters);
            out.printf("%s in %.0f s (server log: %s)%n", ok() ? "RECONCILED" : "FAILED", seconds, log);
        }
    }

    private final ChaosHarness run;
    private final Path home;
    private final Path data;
    private final Instant start;
    private final String secret;

    Reconciliation(ChaosHarness run, Path home, Path data, Instant start, String secret) {
        this.run = run;
        this.home = home;
        this.data = data;
        this.start = start;
        this.secret = secret;
    }

    Report reconcile() {
        List<Row> rows = new ArrayList<>();
        List<String> details = new ArrayList<>();
        StackOptions options = StackOptions.inMemory(home, start, secret).withDataDir(data);
        try (LocalStack stack = LocalStack.start(options)) {
            stack.advanceTo(stack.now().plus(Duration.ofHours(1)));
            EventLog log = stack.context().getBean(EventLog.class);
            MessageLedger ledger = stack.context().getBean(MessageLedger.class);

            long logged = 0, lost = 0, twice = 0, unexpected = 0;
            Map<String, List<MessageRecord>> ledgers = new HashMap<>();
            Map<String, Map<String, Long>> loggedIds = new HashMap<>();
            for (String customer : new TreeSet<>(run.sent.values())) {
                Map<String, Long> counts = log.history(customer).stream()
                        .collect(Collectors.groupingBy(CustomerEvent::id, Collectors.counting()));
                loggedIds.put(customer, counts);
                logged += counts.size();
                for (Map.Entry<String, Long> c : counts.entrySet()) {
                    if (c.getValue() > 1) {
                        twice++;
                        details.add("event " + c.getKey() + " is in the log " + c.getValue() + " times");
                    }
                    if (!run.sent.containsKey(c.getKey())) unexpected++;
                }
                ledgers.put(customer, ledger.forCustomer(customer));
            }
            for (Map.Entry<String, String> ack : run.acknowledged.entrySet()) {
                if (!loggedIds.getOrDefault(ack.getValue(), Map.of()).containsKey(ack.getKey())) {
                    lost++;
                    details.add("event " + ack.getKey() + " was answered 202 and is not in the log");
                }
            }
            rows.add(new Row(
                    "deliveries posted (batches, retries after kills included)", run.deliveries.get(), 0, false));
            rows.add(new Row(
                    "  of them deliberate duplicate deliveries (events)", run.duplicateDeliveries.get(), 0, false));
            rows.add(new Row("  of them retried because the server died", run.retriedDeliveries.get(), 0, false));
            rows.add(new Row("distinct events sent", run.sent.size(), 0, false));
            rows.add(new Row(
                    "events answered 202 (accepted or duplicate)", run.acknowledged.size(), run.sent.size(), true));
            rows.add(new Row("events refused by the server", run.refusals.size(), 0, true));
            run.refusals.stream().limit(5).forEach(r -> details.add("refused: " + r));
            rows.add(new Row("answered 202 and missing from the event log (lost)", lost, 0, true));
            rows.add(new Row("in the event log more than once", twice, 0, true));
            rows.add(new Row("in the event log, never sent", unexpected, 0, true));
            rows.add(new Row("events in the event log", logged, run.acknowledged.size(), true));
            int quarantined = stack.quarantine(10_000).size();
            rows.add(new Row("quarantined (listed by GET /quarantine)", quarantined, 0, true));

            List<ExecutionDescription> executions = stack.executions();
            Map<String, Long> perJourney = new TreeMap<>();
            long running = 0, failed = 0;
            for (ExecutionDescription e : executions) {
                String journey =
                        e.stateMachineArn().substring(e.stateMachineArn().lastIndexOf(':') + 1);
                String customer = e.input().path("customerId").asText();
                perJourney.merge(customer + " " + journey, 1L, Long::sum);
                if (e.status() == ExecutionStatus.RUNNING) {
                    running++;
                    details.add("still running: " + e.name());
                } else if (e.status() != ExecutionStatus.SUCCEEDED) {
                    failed++;
                    details.add(e.name() + " " + e.status() + " " + e.error().orElse("") + " "
                            + e.cause().orElse(""));
                }
            }
            long expectedJourneys = expectedJourneys();
            long twiceStarted = perJourney.values().stream().filter(n -> n > 1).count();
            rows.add(new Row(
                    "journeys started (one per registration / delivery)", perJourney.size(), expectedJourneys, true));
            rows.add(new Row("journeys started twice for one trigger", twiceStarted, 0, true));
            rows.add(new Row("journeys stuck (still running after the final advance)", running, 0, true));
            rows.add(new Row("journeys failed or timed out", failed, 0, true));

            Map<String, Long> statuses = new TreeMap<>();
            Map<String, Long> perStep = new HashMap<>();
            for (List<MessageRecord> records : ledgers.values()) {
                for (MessageRecord m : records) {
                    if (m.isPlan()) continue;
                    statuses.merge(m.status(), 1L, Long::sum);
                    perStep.merge(m.customerId() + " " + m.journey() + " " + m.step(), 1L, Long::sum);
                }
            }
            long ledgerTwice = perStep.values().stream().filter(n -> n > 1).count();
            statuses.forEach((status, n) -> rows.add(new Row("ledger messages " + status, n, 0, false)));
            rows.add(new Row("ledger: one journey step recorded twice", ledgerTwice, 0, true));
            rows.add(new Row(
                    "ledger: reserved and never confirmed",
                    statuses.getOrDefault(MessageRecord.RESERVED, 0L),
                    0,
                    true));

            List<OutboxMessage> everything = stack.outbox(Optional.empty());
            // account-manager tasks and the analytics refresh's alerts share the local outbox; they are not
            // messages of the ledger
            long tasks = everything.stream()
                    .filter(m -> DynamoOutboxChannel.ACCOUNT_MANAGER_CHANNEL.equals(m.channel()))
                    .count();
            long alerts = everything.stream()
                    .filter(m -> DynamoOutboxChannel.ALERT_CHANNEL.equals(m.channel()))
                    .count();
            List<OutboxMessage> outbox = everything.stream()
                    .filter(m -> !DynamoOutboxChannel.ACCOUNT_MANAGER_CHANNEL.equals(m.channel())
                            && !DynamoOutboxChannel.ALERT_CHANNEL.equals(m.channel()))
                    .toList();
            rows.add(new Row("account-manager tasks opened", tasks, 0, false));
            rows.add(new Row("analytics alerts raised (touchpoints silent, drop-offs)", alerts, 0, false));
            Map<String, Long> outboxPerStep =
                    outbox.stream().collect(Collectors.groupingBy(Reconciliation::stepOf, Collectors.counting()));
            long outboxTwice =
                    outboxPerStep.values().stream().filter(n -> n > 1).count();
            Map<String, MessageRecord> byKey = new HashMap<>();
            ledgers.values().forEach(records -> records.forEach(m -> byKey.put(m.key(), m)));
            for (OutboxMessage m : outbox) {
                MessageRecord recorded = byKey.get(m.messageKey());
                boolean twiceForStep = outboxPerStep.get(stepOf(m)) > 1;
                if (recorded != null && MessageRecord.SENT.equals(recorded.status()) && !twiceForStep) continue;
                details.add("outbox " + m.messageKey() + " (" + m.journey() + " " + m.step() + ", recorded "
                        + m.recordedAt() + "): ledger "
                        + (recorded == null ? "has no record" : recorded.status() + " " + recorded.reason()));
            }
            long sentInLedger = statuses.getOrDefault(MessageRecord.SENT, 0L);
            rows.add(new Row("outbox messages (= ledger SENT)", outbox.size(), sentInLedger, true));
            rows.add(new Row("outbox: one journey step sent twice", outboxTwice, 0, true));
            ObjectNode dead = stack.deadLetters(20);
            rows.add(new Row("dead letters (listed below)", stack.deadLetters(), 0, false));
            return new Report(rows, details, dead);
        }
    }

    /** The journey step a message belongs to, for one customer. */
    private static String stepOf(OutboxMessage m) {
        return m.customerId() + " " + m.journey() + " " + m.step();
    }

    /** Every B2B customer whose registration was acknowledged, every B2C one whose delivery was. */
    private long expectedJourneys() {
        return run.acknowledged.keySet().stream()
                .filter(id -> {
                    int c = Integer.parseInt(id.substring("c-chaos-".length(), id.indexOf("-e")));
                    String index = id.substring(id.indexOf("-e") + 2);
                    return c % 2 == 0 ? index.equals("1") : index.equals("3");
                })
                .count();
    }
}
