package it.attimo.aws.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.config.AwsClients;
import it.attimo.aws.config.SdkCallCounter;
import it.attimo.aws.testing.LocalDynamo;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.EventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoEventLogIT {
    private final DynamoDbClient client = LocalDynamo.shared().client();
    private final String prefix = LocalDynamo.shared().freshTables("events");
    private final DynamoEventLog log = new DynamoEventLog(client, prefix, Duration.ofDays(400));

    private static CustomerEvent event(String id, String customer, Map<String, Object> data) {
        return new CustomerEvent(id, "shop", "order.delivered", customer, Instant.parse("2026-06-10T08:00:00Z"), data);
    }

    @Test
    void aSecondCopyOfAnEventChangesNothing() {
        CustomerEvent first = event("e-1", "c-1", Map.of("orderId", "o-1"));
        CustomerEvent sameIdOtherData = event("e-1", "c-1", Map.of("orderId", "o-2"));

        assertThat(log.append(first)).isTrue();
        assertThat(log.append(sameIdOtherData)).isFalse();

        assertThat(log.history("c-1")).containsExactly(first);
    }

    @Test
    void theSameEventIdForAnotherCustomerIsAnotherEvent() {
        assertThat(log.append(event("e-2", "c-a", Map.of()))).isTrue();
        assertThat(log.append(event("e-2", "c-b", Map.of()))).isTrue();
        assertThat(log.history("c-a")).hasSize(1);
        assertThat(log.history("c-b")).hasSize(1);
    }

    @Test
    void storesTypeTimeBodyAndAnExpiryRetentionAfterTheEvent() {
        CustomerEvent e = event("e-3", "c-3", Map.of("nps", 9, "nested", Map.of("k", List.of(1, "x"))));
        log.append(e);
        var item = client.getItem(
                        b -> b.tableName(prefix + "-events").key(Items.key("customerId", "c-3", "eventId", "e-3")))
                .item();
        assertThat(item.get("type").s()).isEqualTo("order.delivered");
        assertThat(item.get("time").s()).isEqualTo("2026-06-10T08:00:00Z");
        assertThat(Long.parseLong(item.get("expiresAt").n()))
                .isEqualTo(Instant.parse("2026-06-10T08:00:00Z")
                        .plus(Duration.ofDays(400))
                        .getEpochSecond());
        assertThat(log.history("c-3")).containsExactly(e);
    }

    @Test
    void historyReadsEveryPageOfALongLog() {
        String padding = "x".repeat(6_000); // 250 events * ~6 KB > the 1 MB a query page holds
        for (int i = 0; i < 250; i++) log.append(event("p-" + i, "c-long", Map.of("padding", padding)));
        assertThat(log.history("c-long")).hasSize(250);
    }

    @Test
    void anErasureLeavesATombstoneThatIsNotAnEventAndKeepsTheLatestInstant() {
        log.append(event("t-1", "c-tomb", Map.of()));
        assertThat(log.erasedAt("c-tomb")).isEmpty();

        log.erase("c-tomb", java.time.Instant.parse("2026-06-10T10:00:00Z"));
        assertThat(log.history("c-tomb")).isEmpty();
        assertThat(log.erasedAt("c-tomb")).contains(java.time.Instant.parse("2026-06-10T10:00:00Z"));

        log.append(event("t-2", "c-tomb", Map.of()));
        assertThat(log.history("c-tomb")).extracting(CustomerEvent::id).containsExactly("t-2");
        log.erase("c-tomb", java.time.Instant.parse("2026-06-09T10:00:00Z"));
        assertThat(log.history("c-tomb")).isEmpty();
        assertThat(log.erasedAt("c-tomb")).contains(java.time.Instant.parse("2026-06-10T10:00:00Z"));
    }

    @Test
    void readAnswersTheLogAndTheTombstoneInOneQuery() {
        SdkCallCounter counter = new SdkCallCounter();
        DynamoEventLog counted = countedLog(counter);
        log.append(event("r-1", "c-read", Map.of()));
        log.erase("c-read", Instant.parse("2026-06-11T00:00:00Z"));
        log.append(event("r-2", "c-read", Map.of()));
        counter.reset();

        EventLog.CustomerLog read = counted.read("c-read");

        assertThat(read.events()).extracting(CustomerEvent::id).containsExactly("r-2");
        assertThat(read.erased()).contains(Instant.parse("2026-06-11T00:00:00Z"));
        assertThat(counter.calls()).containsExactly(Map.entry("DynamoDb.Query", 1L));
        assertThat(counted.read("c-never")).isEqualTo(new EventLog.CustomerLog(List.of(), null));
    }

    @Test
    void appendAllWritesNewEventsInOneTransactionAndFallsBackOneByOneWhenACopyIsAmongThem() {
        SdkCallCounter counter = new SdkCallCounter();
        DynamoEventLog counted = countedLog(counter);

        assertThat(counted.appendAll(List.of(
                        event("a-1", "c-all", Map.of()),
                        event("a-2", "c-all", Map.of()),
                        event("a-3", "c-all", Map.of()))))
                .containsExactly("a-1", "a-2", "a-3");
        assertThat(counter.calls()).containsExactly(Map.entry("DynamoDb.TransactWriteItems", 1L));

        counter.reset();
        CustomerEvent copyWithOtherData = event("a-2", "c-all", Map.of("orderId", "changed"));
        assertThat(counted.appendAll(List.of(event("a-4", "c-all", Map.of()), copyWithOtherData)))
                .containsExactly("a-4");
        assertThat(counter.calls())
                .containsEntry("DynamoDb.TransactWriteItems", 1L)
                .containsEntry("DynamoDb.PutItem", 2L);
        assertThat(log.history("c-all")).extracting(CustomerEvent::id).containsExactly("a-1", "a-2", "a-3", "a-4");
        assertThat(log.history("c-all"))
                .filteredOn(e -> e.id().equals("a-2"))
                .singleElement()
                .satisfies(e -> assertThat(e.data()).isEmpty());
    }

    @Test
    void appendAllSplitsMoreThanATransactionHolds() {
        SdkCallCounter counter = new SdkCallCounter();
        List<CustomerEvent> many = new java.util.ArrayList<>();
        for (int i = 0; i < DynamoEventLog.MAX_TRANSACTION_ITEMS + 1; i++) {
            many.add(event(String.format("m-%03d", i), "c-many", Map.of()));
        }
        assertThat(countedLog(counter).appendAll(many)).hasSize(many.size());
        assertThat(counter.calls())
                .containsEntry("DynamoDb.TransactWriteItems", 1L)
                .containsEntry("DynamoDb.PutItem", 1L);
        assertThat(log.history("c-many")).hasSize(many.size());
    }

    private DynamoEventLog countedLog(SdkCallCounter counter) {
        return new DynamoEventLog(
                AwsClients.build(
                        DynamoDbClient.builder().overrideConfiguration(o -> o.addExecutionInterceptor(counter)),
                        "eu-south-1",
                        LocalDynamo.shared().endpoint()),
                prefix);
    }

    @Test
    void eraseRemovesTheWholeLog() {
        for (int i = 0; i < 30; i++) log.append(event("x-" + i, "c-erase", Map.of()));
        log.append(event("keep", "c-other", Map.of()));
        log.erase("c-erase");
        assertThat(log.history("c-erase")).isEmpty();
        assertThat(log.history("c-other")).hasSize(1);
    }
}
