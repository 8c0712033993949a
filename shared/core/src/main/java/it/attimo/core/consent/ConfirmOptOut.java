package it.attimo.core.consent;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.customer.Profile;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.journey.OutboundMessage;
import it.attimo.core.message.MessageRenderer;
import it.attimo.core.port.ChannelGateway;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.OptOutConfirmations;
import it.attimo.core.port.ProfileStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The confirmation of an opt-out by reply ("Non riceverai più SMS…"): a service message on the same channel, reserved
 * in the ledger under the opting-out event's id before the provider is called, so a redelivered event sends nothing.
 * It goes even though consent is now withdrawn: it is the answer to the customer's own request, not marketing.
 */
public final class ConfirmOptOut implements OptOutConfirmations {
    public static final String JOURNEY = "consent";
    public static final String TEMPLATE = "sms-stop-confirmation";
    private static final Logger LOG = Logger.getLogger(ConfirmOptOut.class.getName());

    private final ContactStore contacts;
    private final MessageLedger ledger;
    private final ChannelGateway gateway;
    private final Clock clock;
    private final MessageRenderer renderer;
    private final ProfileStore profiles;

    /** @param renderer renders the reply from {@code templates/consent/}; @param profiles gives its register */
    public ConfirmOptOut(
            ContactStore contacts,
            MessageLedger ledger,
            ChannelGateway gateway,
            Clock clock,
            MessageRenderer renderer,
            ProfileStore profiles) {
        this.renderer = renderer;
        this.profiles = profiles;
        this.contacts = contacts;
        this.ledger = ledger;
        this.gateway = gateway;
        this.clock = clock;
    }

    @Override
    public void confirm(String customerId, Channel channel, String eventId) {
        Contact contact = contacts.find(customerId).orElse(null);
        if (contact == null || !contact.canReach(channel)) {
            LOG.info(() -> "opt-out of customer " + customerId + " not confirmed: no " + channel.id() + " address");
            return;
        }
        Instant now = clock.instant();
        String execution = "optout-" + eventId;
        MessageRecord reserved = new MessageRecord(
                customerId,
                MessageRecord.messageIdOf(execution, TEMPLATE),
                JOURNEY,
                execution,
                TEMPLATE,
                channel,
                "service",
                now,
                MessageRecord.RESERVED,
                null,
                null,
                now);
        if (!ledger.reserve(reserved)) return;
        OutboundMessage message = new OutboundMessage(
                customerId, contact, channel, JOURNEY, TEMPLATE, "service", TEMPLATE, null, null, reserved.key(), now);
        Profile profile = profiles.find(customerId).orElse(null);
        message = message.withRendered(renderer.render(MessageRenderer.inputFor(
                customerId, JOURNEY, TEMPLATE, channel, "service", reserved.key(), profile, contact, Map.of(), null)));
        String providerId = gateway.send(message);
        ledger.update(reserved.with(MessageRecord.SENT, "opt-out confirmation", providerId, now));
    }
}
