package it.attimo.core.port;

import it.attimo.core.event.CustomerEvent;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Append-only log of each customer's events, keyed so that a second copy of an event changes nothing. */
public interface EventLog {
    /** @return true if stored now, false if an event with this id was already in the customer's log */
    boolean append(CustomerEvent event);

    /**
     * Appends several events of one customer, each only if its id is not in the log yet (as {@link #append}); stores
     * that can write them in one request do.
     *
     * @return the ids stored now
     */
    default Set<String> appendAll(List<CustomerEvent> events) {
        Set<String> stored = new LinkedHashSet<>();
        for (CustomerEvent e : events) {
            if (append(e)) stored.add(e.id());
        }
        return stored;
    }

    /** The customer's whole log, in no particular order. */
    List<CustomerEvent> history(String customerId);

    /**
     * The customer's log and tombstone together, as the score function needs them before appending. Stores that keep
     * both in one place answer with one read.
     */
    default CustomerLog read(String customerId) {
        return new CustomerLog(history(customerId), erasedAt(customerId).orElse(null));
    }

    void erase(String customerId);

    /**
     * Erases the customer's log and leaves a tombstone: events that happened at or before {@code erasedAt} and arrive
     * later (a retried webhook, a redelivered message) must not bring the person back.
     */
    void erase(String customerId, Instant erasedAt);

    /** When the customer was last erased, if ever. */
    Optional<Instant> erasedAt(String customerId);

    /** A customer's events and, if the person was erased, when ({@code null} otherwise). */
    record CustomerLog(List<CustomerEvent> events, Instant erasedAt) {
        public CustomerLog {
            events = List.copyOf(events);
        }

        public Optional<Instant> erased() {
            return Optional.ofNullable(erasedAt);
        }
    }
}
