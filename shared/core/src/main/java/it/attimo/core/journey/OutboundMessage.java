package it.attimo.core.journey;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import java.time.Instant;
import java.util.Map;

/**
 * A message ready for a provider. {@code template} names the content; the provider adapter renders it. {@code context}
 * is the dispatch step's context (ids such as {@code orderId}, {@code coupon}, {@code experimentId}).
 */
public record OutboundMessage(
        String customerId,
        Contact contact,
        Channel channel,
        String journey,
        String step,
        String kind,
        String template,
        String locale,
        String tone,
        String messageKey,
        Instant sendAt,
        Map<String, String> context) {
    public OutboundMessage {
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    /** A message with no context. */
    public OutboundMessage(
            String customerId,
            Contact contact,
            Channel channel,
            String journey,
            String step,
            String kind,
            String template,
            String locale,
            String tone,
            String messageKey,
            Instant sendAt) {
        this(customerId, contact, channel, journey, step, kind, template, locale, tone, messageKey, sendAt, Map.of());
    }

    @Override
    public String toString() {
        return "OutboundMessage[" + messageKey + " " + channel + "]";
    }
}
