package it.attimo.aws.channel;

import it.attimo.core.message.RenderedMessage;
import java.time.Instant;
import java.util.Map;

/**
 * A message "sent" to the local outbox: ids, channel, kind, journey step and times, and what the customer would read
 * ({@code subject} for e-mail, {@code text}, {@code links}, the {@code coupon} and {@code experiment} arm where any,
 * the e-mail {@code headers}: {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} on marketing and surveys).
 * Never contact details: no e-mail address or phone number in any field.
 */
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
        Map<String, String> context,
        String subject,
        String text,
        Map<String, String> links,
        String coupon,
        RenderedMessage.ExperimentArm experiment,
        Map<String, String> headers) {
    public OutboxMessage {
        headers = headers == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        context = context == null ? Map.of() : Map.copyOf(context);
        links = links == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(links));
    }

    /** A message without rendered content (an account-manager task). */
    public OutboxMessage(
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
        this(
                customerId,
                messageKey,
                channel,
                kind,
                journey,
                step,
                sendAt,
                template,
                locale,
                tone,
                recordedAt,
                context,
                null,
                null,
                Map.of(),
                null,
                null,
                Map.of());
    }
}
