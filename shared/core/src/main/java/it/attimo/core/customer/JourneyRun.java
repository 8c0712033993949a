package it.attimo.core.customer;

import java.time.Instant;

/** One journey execution of a customer, as recorded on the profile. */
public record JourneyRun(String journey, String executionName, Instant startedAt, String status, Instant endedAt) {
    public static final String RUNNING = "RUNNING";

    public boolean active() {
        return RUNNING.equals(status);
    }
}
