package it.attimo.core.journey;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Consent;
import it.attimo.core.customer.Profile;
import it.attimo.core.timing.MessageKind;
import java.util.Optional;

/**
 * Why a send is lawful, decided at dispatch and written on the ledger record (Codice Privacy art. 130, GDPR art. 6).
 * A channel whose consent is granted: {@code consent}. A withdrawn one: none (objection is absolute, art. 21(3)).
 * For marketing and surveys the channel's {@code marketing} topic decides when recorded (a one-click unsubscribe
 * withdraws it and nothing else). No decision recorded: marketing by e-mail to an existing customer (an order in their history) is {@code soft-spam}
 * (art. 130(4): similar products, only while not opted out); marketing and surveys otherwise, and anything by SMS or
 * push other than a service message, have none; service and transactional messages rest on the {@code contract}.
 */
public final class LegalBasis {
    public static final String CONTRACT = "contract";

    private LegalBasis() {}

    public static Optional<String> of(Profile profile, Channel channel, MessageKind kind) {
        Consent consent = profile.consents().get(channel.id());
        boolean promotional = kind == MessageKind.MARKETING || kind == MessageKind.SURVEY;
        if (consent != null && !consent.granted()) return Optional.empty();
        if (promotional) {
            Consent topic = profile.consents().get(Consent.key(channel.id(), Consent.MARKETING));
            if (topic != null) return topic.granted() ? Optional.of(MessageRecord.CONSENT) : Optional.empty();
        }
        if (consent != null) return Optional.of(MessageRecord.CONSENT);
        if (!promotional) return Optional.of(CONTRACT);
        if (kind == MessageKind.MARKETING && channel == Channel.EMAIL && existingCustomer(profile)) {
            return Optional.of(MessageRecord.SOFT_SPAM);
        }
        return Optional.empty();
    }

    /** Someone who bought: an order placed or delivered is in their log. */
    static boolean existingCustomer(Profile profile) {
        return profile.eventCounts().getOrDefault("order.placed", 0) > 0
                || profile.eventCounts().getOrDefault("order.delivered", 0) > 0;
    }
}
