package it.attimo.core.tray;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.journey.OutboundMessage;
import it.attimo.core.message.MessageRenderer;
import it.attimo.core.port.ChannelGateway;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.MessageLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a tray's messages through the dispatch ledger and the channel gateway, as journeys do: journey
 * {@code tray-<template>}, execution name = tray id, step {@code <party>-turn}, {@code <party>-reminder}, {@code otp},
 * {@code rejected} or {@code expired}. The ledger entry (keyed by a per-send ledger step) is reserved before the
 * gateway is called, so a retried step sends nothing twice. The context carries ids and the party's link token
 * ({@code trayToken}) or one-time code ({@code otp}): the message needs them, the state machine never sees them.
 * Tray messages are transactional (the recipient's own document), so marketing consent and caps do not apply. Each
 * message is rendered by the {@link MessageRenderer} before it goes out (the generic {@code templates/tray/} texts
 * unless the template has its own), with the tray's title, the party's label and the tray's status in the context.
 */
public final class TrayMessages {
    public static final String KIND = "service";

    private final MessageLedger ledger;
    private final ChannelGateway gateway;
    private final ContactStore contacts;
    private final MessageRenderer renderer;
    private final TrayTemplates templates;
    private final Clock clock;

    /** @param templates give the tray's title and the party's label to the message */
    public TrayMessages(
            MessageLedger ledger,
            ChannelGateway gateway,
            ContactStore contacts,
            MessageRenderer renderer,
            TrayTemplates templates,
            Clock clock) {
        this.ledger = ledger;
        this.gateway = gateway;
        this.contacts = contacts;
        this.renderer = renderer;
        this.templates = templates;
        this.clock = clock;
    }

    public static String journey(String template) {
        return "tray-" + template;
    }

    /**
     * @param ledgerStep unique per send (a resent code is {@code otp-2}); {@code step} is what the message is
     * @return the channel used, or empty when the ledger shows this send already happened
     */
    public Optional<Channel> send(
            Tray tray, String party, Channel channel, String step, String ledgerStep, Map<String, String> extra) {
        String recipient = tray.parties.get(party);
        if (recipient == null) throw new IllegalArgumentException("tray " + tray.trayId + " has no party " + party);
        Contact contact = contacts.find(recipient).orElse(null);
        Instant now = clock.instant();
        String journey = journey(tray.template);
        MessageRecord record = new MessageRecord(
                recipient,
                MessageRecord.messageIdOf(tray.trayId, ledgerStep),
                journey,
                tray.trayId,
                step,
                channel,
                KIND,
                now,
                MessageRecord.RESERVED,
                null,
                null,
                now);
        if (!ledger.reserve(record)) {
            boolean unconfirmed = ledger.forCustomer(recipient).stream()
                    .anyMatch(
                            m -> m.messageId().equals(record.messageId()) && MessageRecord.RESERVED.equals(m.status()));
            // reserved but never confirmed: the earlier attempt died around the provider call; the same key again
            if (!unconfirmed) return Optional.empty();
        }
        Map<String, String> context = new LinkedHashMap<>();
        context.put("trayId", tray.trayId);
        context.put("party", party);
        TrayTemplate template = templates.find(tray.template).orElse(null);
        context.put("trayTitle", template == null ? tray.template : template.title());
        TrayParty known = template == null
                ? null
                : template.parties().stream()
                        .filter(p -> p.id().equals(party))
                        .findFirst()
                        .orElse(null);
        if (known != null && known.label() != null) context.put("partyLabel", known.label());
        if (tray.status != null) context.put("trayStatus", tray.status);
        if (template != null && party.equals(template.creator()) && (Tray.WAITING_PREFIX + party).equals(tray.status))
            context.put("traySentBack", "true");
        context.putAll(extra);
        OutboundMessage message = new OutboundMessage(
                recipient,
                contact,
                channel,
                journey,
                step,
                KIND,
                journey + "." + step,
                "it-IT",
                null,
                record.key(),
                now,
                context);
        // the same exception as a journey's missing template: the step fails loudly, the ledger keeps it reserved
        message = message.withRendered(renderer.render(MessageRenderer.inputFor(
                recipient, journey, step, channel, KIND, record.key(), null, contact, context, null)));
        String providerId = gateway.send(message);
        ledger.update(record.with(MessageRecord.SENT, null, providerId, clock.instant()));
        return Optional.of(channel);
    }

    /** The channel for a one-time code: SMS when the party has a phone number, else e-mail. */
    public Channel otpChannel(Tray tray, String party) {
        Contact contact = contacts.find(tray.parties.get(party)).orElse(null);
        return contact != null && contact.canReach(Channel.SMS) ? Channel.SMS : Channel.EMAIL;
    }
}
