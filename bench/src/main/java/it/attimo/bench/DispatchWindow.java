package it.attimo.bench;

import it.attimo.aws.channel.DynamoOutboxChannel;
import it.attimo.aws.config.AwsClients;
import it.attimo.aws.dynamo.AttimoTables;
import it.attimo.aws.dynamo.DynamoContactStore;
import it.attimo.aws.dynamo.DynamoEventLog;
import it.attimo.aws.dynamo.DynamoMessageLedger;
import it.attimo.aws.dynamo.DynamoProfileStore;
import it.attimo.aws.dynamo.DynamoQuarantineStore;
import it.attimo.aws.dynamo.DynamoWaitRegistry;
import it.attimo.core.AttimoCore;
import it.attimo.core.channel.Channel;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.journey.DispatchSend;
import it.attimo.core.journey.DispatchStep;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.port.ChannelGateway;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.profile.ProcessCustomerEvents;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingJourneyRuntime;
import it.attimo.core.testing.RecordingRescoreScheduler;
import it.attimo.core.timing.MessageKind;
import it.attimo.local.LoopbackDynamoDb;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The reserve-then-send window, measured: {@link DispatchSend} reserves the message in the ledger (RESERVED), calls
 * the provider, then confirms (SENT). A crash after the provider accepted and before the confirmation is stored
 * leaves a RESERVED record that the state machine's retry re-dispatches with the same message key. This bench
 * times that window for real dispatches against DynamoDB Local (the ledger on the same table layout as on AWS) and
 * the outbox gateway: from the provider's answer to the confirmation stored, plus the whole dispatch for scale.
 *
 * <pre>java -cp … it.attimo.bench.DispatchWindow [--dispatches 2000]</pre>
 */
public final class DispatchWindow {
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.parse(args);
        int n = Integer.parseInt(opts.getOrDefault("dispatches", "2000"));
        try (LoopbackDynamoDb dynamoLocal = LoopbackDynamoDb.start(null)) {
            DynamoDbClient dynamo = AwsClients.build(
                    DynamoDbClient.builder(),
                    "eu-south-1",
                    dynamoLocal.endpoint().toString());
            String prefix = "window";
            AttimoTables.createWithoutExpiry(dynamo, prefix);
            MutableClock clock = MutableClock.at("2026-06-09T08:00:00Z"); // a Tuesday morning: email may go
            var profiles = new DynamoProfileStore(dynamo, prefix);
            var contacts = new DynamoContactStore(dynamo, prefix);
            var events = new DynamoEventLog(dynamo, prefix);
            Map<String, Long> accepted = new ConcurrentHashMap<>();
            ChannelGateway outbox = new DynamoOutboxChannel(dynamo, prefix, AttimoCore.journeyCatalog(), clock);
            ChannelGateway timedGateway = message -> {
                String id = outbox.send(message);
                accepted.put(message.messageKey(), System.nanoTime());
                return id;
            };
            long[] windows = new long[n];
            long[] dispatches = new long[n];
            int[] confirmed = {0};
            MessageLedger dynamoLedger = new DynamoMessageLedger(dynamo, prefix);
            MessageLedger timedLedger = new MessageLedger() {
                @Override
                public boolean reserve(MessageRecord record) {
                    return dynamoLedger.reserve(record);
                }

                @Override
                public void update(MessageRecord record) {
                    dynamoLedger.update(record);
                    Long at = accepted.remove(record.key());
                    if (MessageRecord.SENT.equals(record.status()) && at != null) {
                        windows[confirmed[0]++] = System.nanoTime() - at;
                    }
                }

                @Override
                public List<MessageRecord> forCustomer(String customerId) {
                    return dynamoLedger.forCustomer(customerId);
                }

                @Override
                public List<MessageRecord> sentSince(String customerId, Instant since) {
                    return dynamoLedger.sentSince(customerId, since);
                }

                @Override
                public void erase(String customerId) {
                    dynamoLedger.erase(customerId);
                }
            };
            ProcessCustomerEvents score = new ProcessCustomerEvents(
                    events,
                    profiles,
                    contacts,
                    new DynamoWaitRegistry(dynamo, prefix),
                    dynamoLedger,
                    new RecordingJourneyRuntime(java.util.Set.of()),
                    new DynamoQuarantineStore(dynamo, prefix),
                    new RecordingRescoreScheduler(),
                    AttimoCore.profileFolder(),
                    AttimoCore.journeyCatalog(),
                    clock);
            for (int i = 0; i < n; i++) {
                score.handle(new CustomerEvent(
                        "u-" + i,
                        "bench",
                        EventTypes.CUSTOMER_UPSERTED,
                        "w-" + i,
                        Instant.parse("2026-06-01T08:00:00Z"),
                        Map.of("email", "w" + i + "@example.invalid", "consent", Map.of("email", true))));
            }
            DispatchSend dispatch = new DispatchSend(
                    profiles, contacts, timedLedger, timedGateway, AttimoCore.sendPlanner(), events, clock);
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                Map<String, Object> out = dispatch.dispatch(new DispatchStep(
                        "w-" + i,
                        "post-purchase",
                        "welcome",
                        Channel.EMAIL,
                        MessageKind.SERVICE,
                        "post-purchase-w-" + i,
                        List.of(),
                        null));
                dispatches[i] = System.nanoTime() - t;
                if (!"sent".equals(out.get("status"))) throw new IllegalStateException("dispatch " + i + ": " + out);
            }
            if (confirmed[0] != n) throw new IllegalStateException(confirmed[0] + " of " + n + " confirmations timed");
            System.out.printf("%d dispatches against DynamoDB Local (HTTP, in memory) and the outbox gateway%n", n);
            System.out.println("| measure | p50 (ms) | p99 (ms) | max (ms) |");
            System.out.println("|---|---|---|---|");
            row("provider accepted → SENT stored (the window)", windows);
            row("whole dispatch (checks, reserve, send, confirm)", dispatches);
        }
        System.exit(0);
    }

    private static void row(String name, long[] nanos) {
        long[] v = nanos.clone();
        Arrays.sort(v);
        System.out.printf(
                "| %s | %.2f | %.2f | %.2f |%n",
                name,
                v[v.length / 2] / 1e6,
                v[(int) Math.min(v.length - 1, v.length * 0.99)] / 1e6,
                v[v.length - 1] / 1e6);
    }
}
