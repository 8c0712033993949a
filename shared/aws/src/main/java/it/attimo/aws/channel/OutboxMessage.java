package it.attimo.aws.channel;

import java.time.Instant;
import java.util.Map;

/** A message "sent" to the local outbox: ids, channel, kind, journey step and times, never contact details. */
public record OutboxMessage(
        String customerId,
        String messageKey,
        String channel,
        String kind,
        String journey,
        String step,
        Instant sendAt,
        String template,
        String locale,
        String tone,
        Instant recordedAt,
        Map<String, String> context) {
    public OutboxMessage {
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}
