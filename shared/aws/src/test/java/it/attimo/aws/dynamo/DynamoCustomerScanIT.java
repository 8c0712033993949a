package it.attimo.aws.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.config.AwsClients;
import it.attimo.aws.config.SdkCallCounter;
import it.attimo.aws.testing.LocalDynamo;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.port.CustomerScan.ScannedCustomer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The daily jobs' pass over every customer: the event log read by one Scan beside the profiles gives what a Query per
 * customer gives (same events, same order, tombstones left out, customers without events included), in a few calls;
 * a log above the buffer's bound falls back to the Queries. The ledger's one-pass read likewise.
 */
class DynamoCustomerScanIT {
    static final Instant T = Instant.parse("2026-06-10T08:00:00Z");

    private final SdkCallCounter counter = new SdkCallCounter();
    private final DynamoDbClient client = AwsClients.build(
            DynamoDbClient.builder().overrideConfiguration(o -> o.addExecutionInterceptor(counter)),
            "eu-south-1",
            LocalDynamo.shared().endpoint());
    private final String prefix = LocalDynamo.shared().freshTables("scan");
    private final DynamoEventLog log = new DynamoEventLog(client, prefix);
    private final DynamoProfileStore profiles = new DynamoProfileStore(client, prefix);
    private final DynamoMessageLedger ledger = new DynamoMessageLedger(client, prefix);

    @BeforeEach
    void customers() {
        String padding = "x".repeat(4_000); // 40 customers * 8 events * ~4 KB: the Scan takes more than one page
        for (int c = 0; c < 40; c++) {
            String id = "c-" + c;
            profiles.save(Profile.empty(id), 0);
            // ids out of time order, and one id sorting differently by UTF-16 and by UTF-8 bytes
            for (String e : List.of("e-9", "e-10", "e-2", "e-\uFF21", "e-\uD83D\uDE00", "e-a", "e-B", "e-0"))
                log.append(new CustomerEvent(e, "shop", "order.delivered", id, T, Map.of("padding", padding)));
            ledger.update(record(id, "x-1", "welcome"));
            ledger.update(record(id, "x-1", "accessories"));
        }
        profiles.save(Profile.empty("c-quiet"), 0); // no events at all
        log.append(new CustomerEvent("e-1", "shop", "order.delivered", "c-erased", T, Map.of()));
        log.erase("c-erased", T); // only a tombstone left, and no profile
        profiles.save(Profile.empty("c-tomb"), 0);
        log.erase("c-tomb", T);
    }

    @Test
    void oneScanOfTheLogGivesWhatAQueryPerCustomerGives() {
        Map<String, List<CustomerEvent>> perQuery = visit(new DynamoCustomerScan(client, prefix, log, 1));
        counter.reset();
        Map<String, List<CustomerEvent>> perScan = visit(new DynamoCustomerScan(client, prefix, log));

        assertThat(perScan).isEqualTo(perQuery);
        assertThat(perScan).hasSize(42).containsEntry("c-quiet", List.of()).containsEntry("c-tomb", List.of());
        assertThat(perScan.get("c-7")).extracting(CustomerEvent::id).hasSize(8);
        assertThat(counter.calls()).doesNotContainKey("DynamoDb.Query");
        assertThat(counter.calls().get("DynamoDb.Scan")).isBetween(3L, 10L);
    }

    @Test
    void aLogAboveTheBoundIsReadCustomerByCustomer() {
        counter.reset();
        Map<String, List<CustomerEvent>> bounded = visit(new DynamoCustomerScan(client, prefix, log, 100));
        assertThat(bounded).hasSize(42);
        assertThat(counter.calls()).containsEntry("DynamoDb.Query", 42L);
    }

    @Test
    void theLedgerInOnePassEqualsItPerCustomerAndStopsAtItsBound() {
        var every = ledger.everyCustomer(1_000).orElseThrow();
        assertThat(every).hasSize(40);
        for (int c = 0; c < 40; c++) assertThat(every.get("c-" + c)).isEqualTo(ledger.forCustomer("c-" + c));
        assertThat(ledger.everyCustomer(79)).isEmpty();
    }

    private static Map<String, List<CustomerEvent>> visit(DynamoCustomerScan scan) {
        Map<String, List<CustomerEvent>> seen = new LinkedHashMap<>();
        List<ScannedCustomer> all = new ArrayList<>();
        scan.forEach(all::add);
        all.forEach(c -> seen.put(c.profile().customerId(), c.history()));
        return seen;
    }

    private static MessageRecord record(String customer, String execution, String step) {
        return new MessageRecord(
                customer,
                MessageRecord.messageIdOf(execution, step),
                "post-purchase",
                execution,
                step,
                Channel.EMAIL,
                "service",
                T,
                MessageRecord.SENT,
                null,
                null,
                T);
    }
}
