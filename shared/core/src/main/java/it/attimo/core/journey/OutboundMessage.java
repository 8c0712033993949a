package it.attimo.core.journey;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.message.RenderedMessage;
import java.time.Instant;
import java.util.Map;

/**
 * A message ready for a provider. {@code template} names the content ({@code journey.step}); {@code rendered} is that
 * content rendered for this customer (subject, text, HTML, links, tone, coupon, experiment), which the provider
 * adapters send as is; null only for a message built without rendering. {@code context} is the dispatch step's context
 * (ids such as {@code orderId}, {@code coupon}, {@code experimentId}).
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
        Map<String, String> context,
        RenderedMessage rendered) {
    public OutboundMessage {
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    /** A message not rendered (yet). */
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
            Instant sendAt,
            Map<String, String> context) {
        this(
                customerId,
                contact,
                channel,
                journey,
                step,
                kind,
                template,
                locale,
                tone,
                messageKey,
                sendAt,
                context,
                null);
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

    /** This message with its rendered content (and the tone it was rendered in). */
    public OutboundMessage withRendered(RenderedMessage content) {
        return new OutboundMessage(
                customerId,
                contact,
                channel,
                journey,
                step,
                kind,
                template,
                locale,
                content == null ? tone : content.tone(),
                messageKey,
                sendAt,
                context,
                content);
    }

    @Override
    public String toString() {
        return "OutboundMessage[" + messageKey + " " + channel + "]";
    }
}
