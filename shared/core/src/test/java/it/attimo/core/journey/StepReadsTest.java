package it.attimo.core.journey;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.channel.Channel;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.WaitRegistry;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.ForwardingEventLog;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryWaitRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StepReadsTest {
    static final String C = "c-1";
    static final Instant NOW = Instant.parse("2026-06-10T08:00:00Z");

    final StepReads reads = new StepReads();
    final InMemoryEventLog stored = new InMemoryEventLog();
    final AtomicInteger historyReads = new AtomicInteger();
    final EventLog counted = new ForwardingEventLog(stored) {
        @Override
        public List<CustomerEvent> history(String customerId) {
            historyReads.incrementAndGet();
            return super.history(customerId);
        }
    };
    final EventLog log = reads.eventLog(counted);

    static CustomerEvent event(String id) {
        return Events.event("order.delivered", C).id(id).at(NOW).build();
    }

    @Test
    void insideAStepACustomersHistoryIsReadOnceAndOutsideEveryTime() {
        stored.append(event("e-1"));
        reads.during(() -> {
            assertThat(log.history(C)).hasSize(1);
            assertThat(log.history(C)).hasSize(1);
            assertThat(log.history("c-2")).isEmpty();
            return null;
        });
        assertThat(historyReads).hasValue(2);

        log.history(C);
        log.history(C);
        assertThat(historyReads).hasValue(4);
    }

    @Test
    void aStepSeesItsOwnWritesAndTheNextStepReadsAgain() {
        reads.during(() -> {
            assertThat(log.history(C)).isEmpty();
            log.append(event("e-1"));
            assertThat(log.history(C)).extracting(CustomerEvent::id).containsExactly("e-1");
            return null;
        });
        stored.append(event("e-2")); // another thread (scoring) between two steps
        reads.during(() -> {
            assertThat(log.history(C)).extracting(CustomerEvent::id).containsExactlyInAnyOrder("e-1", "e-2");
            return null;
        });
    }

    @Test
    void aLedgerWriteThatFailsStillForgetsWhatWasRead() {
        InMemoryMessageLedger raw = new InMemoryMessageLedger();
        MessageLedger ledger = reads.ledger(raw);
        MessageRecord reserved = record(MessageRecord.RESERVED);
        reads.during(() -> {
            assertThat(ledger.forCustomer(C)).isEmpty();
            raw.reserve(reserved); // written behind the memo's back: an earlier attempt of this step
            assertThat(ledger.forCustomer(C)).isEmpty();
            assertThat(ledger.reserve(reserved)).isFalse();
            assertThat(ledger.forCustomer(C)).extracting(MessageRecord::status).containsExactly("RESERVED");
            ledger.update(record(MessageRecord.SENT));
            assertThat(ledger.forCustomer(C)).extracting(MessageRecord::status).containsExactly("SENT");
            return null;
        });
    }

    @Test
    void registeringAWaitForgetsEveryReadSoAParkSeesAnEventProcessedMeanwhile() {
        WaitRegistry waits = reads.waits(new InMemoryWaitRegistry());
        reads.during(() -> {
            assertThat(log.history(C)).isEmpty();
            stored.append(event("e-1")); // scored while the step was parking
            waits.park(new ParkedWait(C, "order.delivered", "x-1", "wait", "tok", NOW, NOW.plusSeconds(60)));
            assertThat(log.history(C)).extracting(CustomerEvent::id).containsExactly("e-1");
            return null;
        });
    }

    @Test
    void aStepInsideAStepSharesItsMemoAndTheMemoEndsWithTheOuterOne() {
        reads.during(() -> {
            log.history(C);
            reads.during(() -> log.history(C));
            return null;
        });
        assertThat(historyReads).hasValue(1);
        reads.during(() -> log.history(C));
        assertThat(historyReads).hasValue(2);
    }

    @Test
    void aStepsOwnLedgerWritesAreSeenWithoutReadingThePartitionAgain() {
        InMemoryMessageLedger raw = new InMemoryMessageLedger();
        AtomicInteger ledgerReads = new AtomicInteger();
        MessageLedger ledger = reads.ledger(new MessageLedger() {
            @Override
            public void erase(String customerId) {
                raw.erase(customerId);
            }

            @Override
            public boolean reserve(MessageRecord record) {
                return raw.reserve(record);
            }

            @Override
            public void update(MessageRecord record) {
                raw.update(record);
            }

            @Override
            public List<MessageRecord> forCustomer(String customerId) {
                ledgerReads.incrementAndGet();
                return raw.forCustomer(customerId);
            }
        });
        raw.reserve(record("x-2", "tutorial", MessageRecord.SENT));
        reads.during(() -> {
            assertThat(ledger.forCustomer(C)).hasSize(1);
            assertThat(ledger.reserve(record("x-1", "welcome", MessageRecord.RESERVED)))
                    .isTrue();
            ledger.update(record("x-1", "welcome", MessageRecord.SENT));
            MessageRecord plan = record("x-3", "survey", MessageRecord.PLANNED);
            ledger.recordPlan(new MessageRecord(
                    C,
                    MessageRecord.planIdOf("x-3", "survey"),
                    plan.journey(),
                    plan.executionName(),
                    plan.step(),
                    plan.channel(),
                    plan.kind(),
                    plan.sendAt(),
                    MessageRecord.PLANNED,
                    null,
                    null,
                    NOW));
            assertThat(ledger.forCustomer(C))
                    .as("the memo holds what the ledger holds, in the ledger's (message id) order")
                    .extracting(MessageRecord::messageId)
                    .isSorted()
                    .containsExactlyInAnyOrderElementsOf(raw.forCustomer(C).stream()
                            .map(MessageRecord::messageId)
                            .toList());
            assertThat(ledger.forCustomer(C))
                    .filteredOn(r -> r.executionName().equals("x-1"))
                    .extracting(MessageRecord::status)
                    .containsExactly(MessageRecord.SENT);
            return null;
        });
        assertThat(ledgerReads).hasValue(1);
    }

    private static MessageRecord record(String status) {
        return record("x-1", "welcome", status);
    }

    private static MessageRecord record(String execution, String step, String status) {
        return new MessageRecord(
                C,
                MessageRecord.messageIdOf(execution, step),
                "post-purchase",
                execution,
                step,
                Channel.EMAIL,
                "service",
                NOW,
                status,
                null,
                null,
                NOW);
    }
}
