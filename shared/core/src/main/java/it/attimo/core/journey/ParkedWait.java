package it.attimo.core.journey;

import java.time.Instant;

/** A journey waiting for one of a customer's events: the Step Functions task token and when to forget it. */
public record ParkedWait(
        String customerId,
        String eventType,
        String executionName,
        String step,
        String taskToken,
        Instant parkedAt,
        Instant expiresAt) {
    public String waitId() {
        return eventType + "#" + executionName + "#" + step;
    }

    @Override
    public String toString() {
        return "ParkedWait[" + customerId + " " + waitId() + "]";
    }
}
