package it.attimo.core.port;

import it.attimo.core.event.CustomerEvent;

import java.util.List;

/** Append-only log of each customer's events, keyed so that a second copy of an event changes nothing. */
public interface EventLog {
    /** @return true if stored now, false if an event with this id was already in the customer's log */
    boolean append(CustomerEvent event);

    /** The customer's whole log, in no particular order. */
    List<CustomerEvent> history(String customerId);

    void erase(String customerId);
}
