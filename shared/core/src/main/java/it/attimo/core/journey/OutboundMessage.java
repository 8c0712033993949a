package it.attimo.core.journey;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import java.time.Instant;

/** A message ready for a provider. {@code template} names the content; the provider adapter renders it. */
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
        Instant sendAt) {
    @Override
    public String toString() {
        return "OutboundMessage[" + messageKey + " " + channel + "]";
    }
}
