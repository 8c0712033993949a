package it.attimo.core.port;

import it.attimo.core.journey.MessageRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dispatch ledger. A message is reserved (conditional put on customer#execution#step) before the provider is
 * called, so a retried dispatch finds the reservation and sends nothing. The same partition holds plan records
 * (customer#plan#execution#step, status PLANNED), written unconditionally at plan time; erasure removes both.
 */
public interface MessageLedger {
    /** @return true if this call reserved the key; false if it already existed */
    boolean reserve(MessageRecord record);

    void update(MessageRecord record);

    List<MessageRecord> forCustomer(String customerId);

    /** Writes (or overwrites, on a re-plan of the same step) a plan record; see {@link MessageRecord#planIdOf}. */
    default void recordPlan(MessageRecord plan) {
        if (!plan.isPlan()) throw new IllegalArgumentException("not a plan record: " + plan.messageId());
        update(plan);
    }

    /** Messages sent to the customer at or after {@code since} (for frequency caps). */
    default List<MessageRecord> sentSince(String customerId, Instant since) {
        return forCustomer(customerId).stream()
                .filter(m ->
                        MessageRecord.SENT.equals(m.status()) && !m.sendAt().isBefore(since))
                .toList();
    }

    /**
     * Records that {@code outcome} (an event type: email.opened, email.bounced…) came back for the message; the first
     * sighting wins, a repeat changes nothing, an unknown message is ignored.
     */
    default void recordOutcome(String customerId, String messageId, String outcome, Instant at) {
        forCustomer(customerId).stream()
                .filter(m -> m.messageId().equals(messageId))
                .findFirst()
                .filter(m -> !m.outcomes().containsKey(outcome))
                .ifPresent(m -> update(m.withOutcome(outcome, at)));
    }

    void erase(String customerId);

    /**
     * Every customer's records in one read, when the ledger holds at most {@code maxRecords}: the daily jobs' single
     * pass over every customer reads it so instead of once per customer. Empty: read {@link #forCustomer} instead.
     */
    default Optional<Map<String, List<MessageRecord>>> everyCustomer(int maxRecords) {
        return Optional.empty();
    }
}
