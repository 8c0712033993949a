package it.attimo.aws.channel;

import java.time.Instant;
import java.util.Optional;

/**
 * Which outbox messages to read: optionally one customer's, one journey's, one step's, recorded at or after an instant.
 * Empty fields match everything.
 */
public record OutboxQuery(
        Optional<String> customerId, Optional<String> journey, Optional<String> step, Optional<Instant> since) {
    public static final OutboxQuery ALL =
            new OutboxQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public static OutboxQuery of(Optional<String> customerId) {
        return new OutboxQuery(customerId, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean matches(OutboxMessage m) {
        return customerId.map(c -> c.equals(m.customerId())).orElse(true)
                && journey.map(j -> j.equals(m.journey())).orElse(true)
                && step.map(s -> s.equals(m.step())).orElse(true)
                && since.map(t -> m.recordedAt() != null && !m.recordedAt().isBefore(t))
                        .orElse(true);
    }
}
