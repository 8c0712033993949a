package it.attimo.aws.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.testing.LocalDynamo;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.ingest.QuarantinedEvent;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.journey.ParkedWait;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoStoresIT {
    static final DynamoDbClient CLIENT = LocalDynamo.shared().client();
    static final String PREFIX = LocalDynamo.shared().freshTables("stores");
    static final Instant T = Instant.parse("2026-06-10T08:00:00Z");

    @Nested
    class Contacts {
        final DynamoContactStore contacts = new DynamoContactStore(CLIENT, PREFIX);

        @Test
        void putFindDelete() {
            contacts.put(new Contact("c-1", "anna@example.it", "+393331234567", null));
            assertThat(contacts.find("c-1")).contains(new Contact("c-1", "anna@example.it", "+393331234567", null));
            contacts.delete("c-1");
            assertThat(contacts.find("c-1")).isEmpty();
        }
    }

    @Nested
    class Ledger {
        final DynamoMessageLedger ledger = new DynamoMessageLedger(CLIENT, PREFIX);

        MessageRecord reserved(String customer, String step, Instant sendAt) {
            return new MessageRecord(
                    customer,
                    MessageRecord.messageIdOf("exec-1", step),
                    "post-purchase",
                    "exec-1",
                    step,
                    Channel.EMAIL,
                    "service",
                    sendAt,
                    MessageRecord.RESERVED,
                    null,
                    null,
                    T);
        }

        @Test
        void onlyTheFirstReservationOfAKeyWins() {
            MessageRecord record = reserved("c-l1", "welcome", T);
            assertThat(ledger.reserve(record)).isTrue();
            assertThat(ledger.reserve(record.with(MessageRecord.RESERVED, "retry", null, T.plusSeconds(1))))
                    .isFalse();
            assertThat(ledger.forCustomer("c-l1")).containsExactly(record);
        }

        @Test
        void updateRecordsTheOutcomeAndSentSinceCountsOnlySentMessages() {
            MessageRecord welcome = reserved("c-l2", "welcome", T);
            MessageRecord tutorial = reserved("c-l2", "tutorial", T.plus(Duration.ofHours(24)));
            ledger.reserve(welcome);
            ledger.reserve(tutorial);
            MessageRecord sent = welcome.with(MessageRecord.SENT, null, "ses-1", T.plusSeconds(2));
            ledger.update(sent);

            assertThat(ledger.forCustomer("c-l2")).containsExactlyInAnyOrder(sent, tutorial);
            assertThat(ledger.sentSince("c-l2", T.minusSeconds(1))).containsExactly(sent);
            assertThat(ledger.sentSince("c-l2", T.plusSeconds(1))).isEmpty();
        }

        @Test
        void eraseForgetsTheCustomerOnly() {
            ledger.reserve(reserved("c-l3", "welcome", T));
            ledger.reserve(reserved("c-l4", "welcome", T));
            ledger.erase("c-l3");
            assertThat(ledger.forCustomer("c-l3")).isEmpty();
            assertThat(ledger.forCustomer("c-l4")).hasSize(1);
        }
    }

    @Nested
    class Waits {
        final DynamoWaitRegistry waits = new DynamoWaitRegistry(CLIENT, PREFIX);

        ParkedWait wait(String customer, String type, String step) {
            return new ParkedWait(
                    customer,
                    type,
                    "exec-" + step,
                    step,
                    "token-" + type + "-" + step,
                    T,
                    T.plus(Duration.ofHours(72)));
        }

        @Test
        void parkedWaitsAreFoundByExactEventType() {
            ParkedWait delivered = wait("c-w1", "order.delivered", "a");
            ParkedWait deliveredLate = wait("c-w1", "order.delivered.late", "b");
            ParkedWait other = wait("c-w2", "order.delivered", "c");
            waits.park(delivered);
            waits.park(deliveredLate);
            waits.park(other);

            assertThat(waits.waitingFor("c-w1", "order.delivered")).containsExactly(delivered);
            assertThat(waits.forCustomer("c-w1")).containsExactlyInAnyOrder(delivered, deliveredLate);
        }

        @Test
        void aRemovedWaitIsNotFoundAgainAndItsItemExpires() {
            ParkedWait w = wait("c-w3", "survey.answered", "s");
            waits.park(w);
            var item = CLIENT.getItem(b ->
                            b.tableName(PREFIX + "-waits").key(Items.key("customerId", "c-w3", "waitId", w.waitId())))
                    .item();
            assertThat(Long.parseLong(item.get("expiresAt").n()))
                    .isEqualTo(w.expiresAt().getEpochSecond());

            waits.remove(w);
            assertThat(waits.waitingFor("c-w3", "survey.answered")).isEmpty();
        }

        @Test
        void eraseRemovesEveryWaitOfTheCustomer() {
            waits.park(wait("c-w4", "a.b", "1"));
            waits.park(wait("c-w4", "c.d", "2"));
            waits.erase("c-w4");
            assertThat(waits.forCustomer("c-w4")).isEmpty();
        }
    }

    @Nested
    class Quarantine {
        final String prefix = LocalDynamo.shared().freshTables("quarantine");
        final DynamoQuarantineStore quarantine = new DynamoQuarantineStore(CLIENT, prefix, Duration.ofDays(30));

        QuarantinedEvent refused(String id, Instant at) {
            return new QuarantinedEvent(id, "events", 1, "e-" + id, "missing subject", "{\"id\":\"e\"}", at);
        }

        @Test
        void keepsEventsAndListsTheNewestFirstUpToTheLimit() {
            QuarantinedEvent old = refused("q-1", T);
            QuarantinedEvent middle = refused("q-2", T.plusSeconds(60));
            QuarantinedEvent newest = refused("q-3", T.plusSeconds(120));
            quarantine.keep(middle);
            quarantine.keep(newest);
            quarantine.keep(old);

            assertThat(quarantine.recent(2)).containsExactly(newest, middle);
            assertThat(quarantine.recent(10)).containsExactly(newest, middle, old);
        }

        @Test
        void entriesExpireThirtyDaysAfterTheyArrived() {
            quarantine.keep(refused("q-ttl", T));
            var item = CLIENT.getItem(b -> b.tableName(prefix + "-quarantine").key(Items.key("quarantineId", "q-ttl")))
                    .item();
            assertThat(Long.parseLong(item.get("expiresAt").n()))
                    .isEqualTo(T.plus(Duration.ofDays(30)).getEpochSecond());
        }
    }
}
