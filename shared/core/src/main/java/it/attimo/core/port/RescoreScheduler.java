package it.attimo.core.port;

import java.time.Instant;

/** Asks for a customer's score to be recomputed at an instant (a timed rule's deadline), without polling. */
public interface RescoreScheduler {
    void rescoreAt(String customerId, Instant at);
}
